//! Parquet beside CSV: each table a person analyses at scale is written
//! twice, as the CSV it always was and as a Parquet file of the same
//! columns and rows, typed (reals, whole numbers for row numbers, yes/no,
//! text; an empty cell is null) and with each column's unit in the file's
//! key-value metadata (`unit:COLUMN`). The Parquet file is made from the
//! CSV's own cells, so the two cannot disagree.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::{LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use crate::atomic_file::{WriteError, write as write_atomic};
pub use crate::report::table::unit_of;
use crate::report::table::{Column, Values, in_groups};

/// The metadata key of a column's unit.
pub const UNIT_KEY: &str = "unit:";

/// Writes the table `csv` to `csv_path` and beside it as Parquet (see
/// [`beside`]); returns both paths.
pub(crate) fn write_csv_and_parquet(
    csv_path: &Path,
    csv: &[u8],
    currency: &str,
) -> Result<[PathBuf; 2], WriteError> {
    write_atomic(csv_path, csv)?;
    Ok([csv_path.to_path_buf(), beside(csv_path, csv, currency)?])
}

/// Writes `csv` (a header and rows) as a Parquet file at the CSV's path
/// with the extension `.parquet`; amounts are in `currency`. Returns its path.
pub(crate) fn beside(csv_path: &Path, csv: &[u8], currency: &str) -> Result<PathBuf, WriteError> {
    let path = csv_path.with_extension("parquet");
    let bytes = encode(csv, currency).map_err(|e| WriteError {
        path: path.clone(),
        source: std::io::Error::other(e),
    })?;
    write_atomic(&path, &bytes)?;
    Ok(path)
}

/// Most cells of a row group: a large table (the hourly series of a
/// network of hundreds of parts) is written a group at a time, so that its
/// cells are never all in memory; a table of the usual size is one group.
const CELLS_PER_GROUP: usize = 1 << 20;

/// The Parquet bytes of a CSV table.
fn encode(csv: &[u8], currency: &str) -> Result<Vec<u8>, String> {
    let mut writer: Option<SerializedFileWriter<Vec<u8>>> = None;
    in_groups(
        csv,
        |name| unit_of(name, currency).is_some(),
        CELLS_PER_GROUP,
        |cols| {
            let w = match &mut writer {
                Some(w) => w,
                None => writer.insert(new_writer(&cols, currency)?),
            };
            write_group(w, &cols)
        },
    )?;
    writer
        .ok_or("a table without a header")?
        .into_inner()
        .map_err(|e| e.to_string())
}

/// A file writer with the schema and units of `cols`.
fn new_writer(cols: &[Column], currency: &str) -> Result<SerializedFileWriter<Vec<u8>>, String> {
    let fields = cols.iter().map(field).collect::<Result<Vec<_>, _>>()?;
    let schema = Type::group_type_builder("taktline")
        .with_fields(fields)
        .build()
        .map_err(|e| e.to_string())?;
    let units: Vec<KeyValue> = cols
        .iter()
        .filter_map(|c| {
            unit_of(&c.name, currency).map(|u| KeyValue::new(format!("{UNIT_KEY}{}", c.name), u))
        })
        .collect();
    let props = WriterProperties::builder()
        .set_created_by(format!("taktline {}", env!("CARGO_PKG_VERSION")))
        .set_key_value_metadata(Some(units))
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    SerializedFileWriter::new(Vec::new(), Arc::new(schema), Arc::new(props))
        .map_err(|e| e.to_string())
}

/// Writes one row group of the columns `cols`.
fn write_group(writer: &mut SerializedFileWriter<Vec<u8>>, cols: &[Column]) -> Result<(), String> {
    let mut group = writer.next_row_group().map_err(|e| e.to_string())?;
    for c in cols {
        let mut w = group
            .next_column()
            .map_err(|e| e.to_string())?
            .ok_or("fewer columns than the schema")?;
        let defined: Vec<i16> = c.present.iter().map(|&p| i16::from(p)).collect();
        let written = match &c.values {
            Values::Int(v) => w.typed::<Int64Type>().write_batch(v, Some(&defined), None),
            Values::Real(v) => w.typed::<DoubleType>().write_batch(v, Some(&defined), None),
            Values::Bool(v) => w.typed::<BoolType>().write_batch(v, Some(&defined), None),
            Values::Text(v) => {
                let v: Vec<ByteArray> = v.iter().map(|s| ByteArray::from(s.as_str())).collect();
                w.typed::<ByteArrayType>()
                    .write_batch(&v, Some(&defined), None)
            }
        };
        written.map_err(|e| e.to_string())?;
        w.close().map_err(|e| e.to_string())?;
    }
    group.close().map_err(|e| e.to_string())?;
    Ok(())
}

/// A column's schema field: optional, so that empty cells are nulls.
fn field(c: &Column) -> Result<Arc<Type>, String> {
    let (physical, logical) = match c.values {
        Values::Int(_) => (Physical::INT64, None),
        Values::Real(_) => (Physical::DOUBLE, None),
        Values::Bool(_) => (Physical::BOOLEAN, None),
        Values::Text(_) => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
    };
    Type::primitive_type_builder(&c.name, physical)
        .with_repetition(Repetition::OPTIONAL)
        .with_logical_type(logical)
        .build()
        .map(Arc::new)
        .map_err(|e| e.to_string())
}
