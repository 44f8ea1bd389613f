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

/// What a column's filled cells allow, learnt in a first pass over the
/// table that keeps no cell.
#[derive(Clone, Copy)]
struct Allowed {
    filled: bool,
    int: bool,
    real: bool,
    yes_no: bool,
}

/// A column's type, before any value is read.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Int,
    Real,
    Bool,
    Text,
}

/// The typed columns of a CSV table with a header row; `has_unit` says
/// whether a column's name gives it a unit.
pub(crate) fn columns(csv: &[u8], has_unit: impl Fn(&str) -> bool) -> Result<Vec<Column>, String> {
    let mut all = Vec::new();
    in_groups(csv, has_unit, usize::MAX, |group| {
        all = group;
        Ok(())
    })?;
    Ok(all)
}

/// The typed columns of a CSV table, handed to `each` a group of rows at a
/// time, each group at most `cells` cells (at least a row; every group has
/// every column, in the whole table's types), so that a large table never
/// has all its cells in memory. A table without rows is one empty group.
pub(crate) fn in_groups(
    csv: &[u8],
    has_unit: impl Fn(&str) -> bool,
    cells: usize,
    mut each: impl FnMut(Vec<Column>) -> Result<(), String>,
) -> Result<(), String> {
    let (names, kinds) = kinds(csv, has_unit)?;
    let rows = (cells / names.len().max(1)).max(1);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let mut record = csv::StringRecord::new();
    let empty = || -> Vec<Column> {
        names
            .iter()
            .zip(&kinds)
            .map(|(name, kind)| Column {
                name: name.clone(),
                present: Vec::new(),
                values: match kind {
                    Kind::Int => Values::Int(Vec::new()),
                    Kind::Real => Values::Real(Vec::new()),
                    Kind::Bool => Values::Bool(Vec::new()),
                    Kind::Text => Values::Text(Vec::new()),
                },
            })
            .collect()
    };
    let mut group = empty();
    let mut in_group = 0;
    let mut handed = false;
    while reader.read_record(&mut record).map_err(|e| e.to_string())? {
        for (k, col) in group.iter_mut().enumerate() {
            let cell = record.get(k).unwrap_or("");
            col.present.push(!cell.is_empty());
            if cell.is_empty() {
                continue;
            }
            match &mut col.values {
                Values::Int(v) => v.push(cell.parse().unwrap_or_default()),
                Values::Real(v) => v.push(cell.parse().unwrap_or(f64::NAN)),
                Values::Bool(v) => v.push(cell == "true"),
                Values::Text(v) => v.push(cell.to_string()),
            }
        }
        in_group += 1;
        if in_group == rows {
            each(std::mem::replace(&mut group, empty()))?;
            in_group = 0;
            handed = true;
        }
    }
    if in_group > 0 || !handed {
        each(group)?;
    }
    Ok(())
}

/// The columns' names and types: a pass over the table that keeps no cell.
fn kinds(csv: &[u8], has_unit: impl Fn(&str) -> bool) -> Result<(Vec<String>, Vec<Kind>), String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_string)
        .collect();
    let mut allowed = vec![
        Allowed {
            filled: false,
            int: true,
            real: true,
            yes_no: true,
        };
        names.len()
    ];
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| e.to_string())? {
        for (k, a) in allowed.iter_mut().enumerate() {
            let cell = record.get(k).unwrap_or("");
            if cell.is_empty() {
                continue;
            }
            a.filled = true;
            a.int = a.int && cell.parse::<i64>().is_ok();
            a.real = a.real && cell.parse::<f64>().is_ok();
            a.yes_no = a.yes_no && (cell == "true" || cell == "false");
        }
    }
    let kinds = names
        .iter()
        .zip(&allowed)
        .map(|(name, a)| {
            if !a.filled {
                if has_unit(name) {
                    Kind::Real
                } else {
                    Kind::Text
                }
            } else if COUNTERS.contains(&name.as_str()) && a.int {
                Kind::Int
            } else if a.real {
                Kind::Real
            } else if a.yes_no {
                Kind::Bool
            } else {
                Kind::Text
            }
        })
        .collect();
    Ok((names, kinds))
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

    #[test]
    fn groups_of_rows_hold_every_column_in_the_whole_tables_types_and_join_to_the_table() {
        let csv = b"rank,x,name\n1,,a\n2,,b\n3,0.5,c\n4,2,d\n5,,e\n";
        let whole = columns(csv, |_| false).unwrap();
        let mut groups = Vec::new();
        // 6 cells: two rows of three columns a group.
        in_groups(
            csv,
            |_| false,
            6,
            |g| {
                groups.push(g);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(groups.len(), 3);
        assert_eq!(
            groups[0][1].values,
            Values::Real(Vec::new()),
            "x is real from its later rows, even in a group where it is empty"
        );
        for (k, col) in whole.iter().enumerate() {
            let present: Vec<bool> = groups.iter().flat_map(|g| g[k].present.clone()).collect();
            assert_eq!(present, col.present, "{}", col.name);
        }
        assert_eq!(groups[2][2].values, Values::Text(vec!["e".into()]));
        let mut none = 0;
        in_groups(
            b"a,b\n",
            |_| false,
            6,
            |g| {
                assert!(g.iter().all(|c| c.present.is_empty()));
                none += 1;
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(none, 1, "a table without rows is one empty group");
    }
}
