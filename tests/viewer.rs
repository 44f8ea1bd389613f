//! The viewer renders a real picture without a display: under Xvfb with
//! Mesa's software Vulkan driver (only with `--features viewer`).
#![cfg(feature = "viewer")]

use std::process::Command;

fn have_xvfb() -> bool {
    Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Takes a screenshot of `scenarios/typhoon-wenzhou.ron` under Xvfb with
/// `args` (time, size, framing) and returns it decoded, checked at `size`;
/// `None` where xvfb-run is missing and not required.
fn screenshot(name: &str, args: &[&str], size: (u32, u32)) -> Option<image::RgbImage> {
    if !have_xvfb() {
        assert!(
            std::env::var_os("TAKTLINE_REQUIRE_XVFB").is_none(),
            "xvfb-run is required here (apt-get install xvfb xauth mesa-vulkan-drivers libvulkan1)"
        );
        eprintln!("skipped: xvfb-run is not installed");
        return None;
    }
    let png = std::env::temp_dir().join(format!("taktline-{name}-{}.png", std::process::id()));
    let geometry = format!("{}x{}", size.0, size.1);
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_taktline"))
        .args(["view", "scenarios/typhoon-wenzhou.ron", "--size", &geometry])
        .args(args)
        .args(["--low-quality", "--screenshot"])
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "viewer failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let img = image::open(&png).expect("the screenshot decodes").to_rgb8();
    assert_eq!(img.dimensions(), size);
    Some(img)
}

#[test]
fn screenshot_under_xvfb_renders_the_line_from_a_half_resolution_scene() {
    let Some(img) = screenshot(
        "view",
        &["--at", "10d 12h", "--render-scale", "0.5"],
        (480, 270),
    ) else {
        return;
    };
    let mut colours: Vec<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    colours.sort();
    colours.dedup();
    assert!(
        colours.len() > 200,
        "a real render has many colours, this one {}",
        colours.len()
    );
    // The HUD: light text on a dark panel in the top-left corner.
    let light_top_left = (0..160)
        .flat_map(|x| (0..60).map(move |y| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0.iter().all(|&c| c > 200))
        .count();
    assert!(light_top_left > 50, "no HUD text in the top-left corner");
    // The line: station bodies in their state colours (greens, oranges, blues, purples, reds) below the HUD.
    let saturated = img
        .pixels()
        .filter(|p| {
            let [r, g, b] = p.0.map(i32::from);
            r.max(g).max(b) - r.min(g).min(b) > 90
        })
        .count();
    assert!(
        saturated > 300,
        "no coloured stations, robots or bins visible ({saturated} saturated pixels)"
    );
}

/// Counts the pixels of `img` within `area` (x0, y0, x1, y1) that `is` picks.
fn count(
    img: &image::RgbImage,
    area: (u32, u32, u32, u32),
    is: impl Fn([i32; 3]) -> bool,
) -> usize {
    (area.0..area.2.min(img.width()))
        .flat_map(|x| (area.1..area.3.min(img.height())).map(move |y| (x, y)))
        .filter(|&(x, y)| is(img.get_pixel(x, y).0.map(i32::from)))
        .count()
}

#[test]
fn the_region_shows_the_map_the_typhoon_and_the_hud_charts() {
    let Some(img) = screenshot("region", &["--at", "11d", "--frame", "region"], (960, 540)) else {
        return;
    };
    let all = (0, 0, 960, 540);
    let land = count(&img, all, |[r, g, b]| g > r + 10 && g > b + 20 && g > 120);
    let sea = count(&img, all, |[r, _, b]| b > r + 40);
    assert!(land > 20_000, "the map's land is missing ({land} pixels)");
    assert!(sea > 20_000, "the sea is missing ({sea} pixels)");
    // The closed Wenzhou road, drawn red.
    let red = count(&img, all, |[r, g, b]| r > 170 && g < 70 && b < 70);
    assert!(
        red > 200,
        "no closed road or down station in red ({red} pixels)"
    );
    // The HUD's output bars, green or orange, in the lower-left chart panel.
    let bars = count(&img, (0, 300, 320, 500), |[r, g, b]| {
        (g > 150 && r < 120 && b < 120) || (r > 200 && g > 110 && g < 190 && b < 80)
    });
    assert!(
        bars > 300,
        "no output bars in the HUD chart ({bars} pixels)"
    );
}
