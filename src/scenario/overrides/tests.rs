//! The parameter paths: units, bounds, unknown paths and the route switch.

use super::*;

#[test]
fn each_parameter_has_its_unit() {
    assert_eq!(unit("routes.X.order_up_to"), Some(Unit::Units));
    assert_eq!(
        unit("disruptions.*.duration").and_then(Unit::axis),
        Some("h")
    );
    assert_eq!(
        unit("routes.X.truck_capacity").and_then(Unit::axis),
        Some("units")
    );
    assert_eq!(unit("line.test.scrap").and_then(Unit::axis), None);
    assert_eq!(unit("no.such.path"), None);
}

#[test]
fn counts_too_large_for_their_field_are_errors_not_wrapped() {
    let mut f = ScenarioFile {
        parts: Some(vec![PartFile {
            name: "bearing".into(),
            per_robot: 12,
            on_hand: 0,
        }]),
        ..ScenarioFile::default()
    };
    let e = apply(&mut f, "parts.bearing.per_robot", "4294967308").unwrap_err();
    assert!(e.contains("too large"), "{e}");
    apply(&mut f, "parts.*.per_robot", "6").unwrap();
    assert_eq!(f.parts.as_ref().unwrap()[0].per_robot, 6);
}

#[test]
fn a_route_switched_off_leaves_with_its_freight_and_standby_fee() {
    let route = |name: &str| {
        RouteFile {
        name: name.into(),
        ..ron::from_str::<RouteFile>(
            r#"(name: "x", from: "W", first_departure: "0h", every: "12h", truck_capacity: 10, transit: Fixed("1h"), order_up_to: 5)"#,
        )
        .unwrap()
    }
    };
    let mut f = ScenarioFile {
        routes: Some(vec![route("Main"), route("Standby")]),
        costs: Some(
            ron::from_str::<CostsFile>(
                r#"(currency: "CNY", per_truck: {"Main": 1.0, "Standby": 2.0}, standby_per_year: {"Standby": 9.0})"#,
            )
            .unwrap(),
        ),
        ..ScenarioFile::default()
    };
    apply(&mut f, "routes.Standby.open", "yes").unwrap();
    assert_eq!(f.routes.as_ref().unwrap().len(), 2);
    assert!(
        apply(&mut f, "routes.Standby.open", "maybe")
            .unwrap_err()
            .contains("yes or no")
    );
    assert!(
        apply(&mut f, "routes.*.open", "no")
            .unwrap_err()
            .contains("name the route")
    );
    apply(&mut f, "routes.Standby.open", "no").unwrap();
    let names: Vec<&str> = f
        .routes
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["Main"]);
    let c = f.costs.as_ref().unwrap();
    assert!(!c.per_truck.contains_key("Standby") && c.standby_per_year.is_empty());
    assert!(c.per_truck.contains_key("Main"));
}

#[test]
fn help_lists_every_parameter() {
    let h = help();
    assert!(PARAMETERS.iter().all(|p| h.contains(p.path)));
}

#[test]
fn unknown_paths_and_values_are_errors() {
    let mut f = ScenarioFile::default();
    assert!(
        apply(&mut f, "nonsense.path", "1")
            .unwrap_err()
            .contains("no parameter")
    );
    assert!(
        apply(&mut f, "run.horizon", "1d")
            .unwrap_err()
            .contains("no `run`")
    );
    assert!(
        apply(&mut f, "disruptions.*.duration", "1d")
            .unwrap_err()
            .contains("has no disruptions")
    );
}

#[test]
fn a_path_reads_in_words_with_its_item_or_every_item() {
    assert_eq!(
        describe("routes.Wenzhou-Shanghai.order_up_to"),
        "order-up-to level S of Wenzhou-Shanghai"
    );
    assert_eq!(
        describe("disruptions.*.duration"),
        "length of every disruption"
    );
    assert_eq!(describe("no.such.path"), "no.such.path");
}
