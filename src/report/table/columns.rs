//! A CSV table's columns, typed by their cells, so that the same table of
//! two runs has the same schema: reals where every filled cell is a number
//! (whole numbers only for the columns that number rows: a rank, a
//! replication), yes/no where every filled cell is `true` or `false`, else
//! text; a column with no filled cell is real if it has a unit, else text.
//! An empty cell is missing (null) in any type.

/// A column's filled cells, in its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Values {
    Int(Vec<i64>),
    Real(Vec<f64>),
    Bool(Vec<bool>),
    Text(Vec<String>),
}

/// One column: its name, which rows have a value, and the values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub(crate) name: String,
    pub(crate) present: Vec<bool>,
    pub(crate) values: Values,
}

/// Columns that number the rows: whole numbers.
const COUNTERS: [&str; 6] = [
    "rank",
    "replication",
    "candidate",
    "years",
    "replications",
    "k",
];

/// The typed columns of a CSV table with a header row; `has_unit` says
/// whether a column's name gives it a unit.
pub(crate) fn columns(csv: &[u8], has_unit: impl Fn(&str) -> bool) -> Result<Vec<Column>, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_string)
        .collect();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); names.len()];
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        for (k, col) in cells.iter_mut().enumerate() {
            col.push(record.get(k).unwrap_or("").to_string());
        }
    }
    Ok(names
        .into_iter()
        .zip(cells)
        .map(|(name, cells)| {
            let unit = has_unit(&name);
            typed(name, cells, unit)
        })
        .collect())
}

fn typed(name: String, cells: Vec<String>, has_unit: bool) -> Column {
    let present: Vec<bool> = cells.iter().map(|c| !c.is_empty()).collect();
    let filled: Vec<&str> = cells
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    let all = |f: fn(&str) -> bool| filled.iter().all(|c| f(c));
    let counter = COUNTERS.contains(&name.as_str());
    let values = if filled.is_empty() {
        if has_unit {
            Values::Real(Vec::new())
        } else {
            Values::Text(Vec::new())
        }
    } else if counter && all(|c| c.parse::<i64>().is_ok()) {
        Values::Int(filled.iter().filter_map(|c| c.parse().ok()).collect())
    } else if all(|c| c.parse::<f64>().is_ok()) {
        Values::Real(filled.iter().filter_map(|c| c.parse().ok()).collect())
    } else if all(|c| c == "true" || c == "false") {
        Values::Bool(filled.iter().map(|c| *c == "true").collect())
    } else {
        Values::Text(filled.iter().map(|c| c.to_string()).collect())
    };
    Column {
        name,
        present,
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_takes_the_type_its_filled_cells_and_its_name_allow() {
        let csv = b"rank,x,ok,name,blank,empty_h,whole_h\n1,0.5,true,S1,,,8\n2,,false,=S2,,,96\n-3,1e3,,7,,,1\n";
        let c = columns(csv, |n| n.ends_with("_h")).unwrap();
        assert_eq!(c[0].values, Values::Int(vec![1, 2, -3]));
        assert_eq!(c[1].values, Values::Real(vec![0.5, 1000.0]));
        assert_eq!(c[1].present, vec![true, false, true]);
        assert_eq!(c[2].values, Values::Bool(vec![true, false]));
        assert_eq!(
            c[3].values,
            Values::Text(vec!["S1".into(), "=S2".into(), "7".into()])
        );
        assert_eq!(c[4].values, Values::Text(Vec::new()));
        assert_eq!(c[4].present, vec![false; 3]);
        assert_eq!(
            c[5].values,
            Values::Real(Vec::new()),
            "no cell, a unit: real"
        );
        assert_eq!(
            c[6].values,
            Values::Real(vec![8.0, 96.0, 1.0]),
            "whole numbers are reals unless they number rows"
        );
    }
}
