//! Robot models on a mixed line: their stations and parts, and the mix.

use super::Checker;
use super::names::Names;
use super::path::field;
use super::ranges::sums_to_one;
use crate::scenario::file::*;
use crate::scenario::ids::PartId;
use crate::scenario::limits::MAX_MODELS;
use crate::scenario::model::*;

impl Checker<'_> {
    /// Robot models: known stations and parts, some parts for each model,
    /// and a mix of known models (shares in [0, 1] summing to 1).
    pub(super) fn models(
        &mut self,
        l: &LineFile,
        stations: &[Station],
        parts: &Names,
    ) -> (Vec<Model>, Option<Mix>) {
        self.anchor = None;
        let names = self.names(
            "model",
            l.models
                .iter()
                .enumerate()
                .map(|(i, m)| (field!(line.models[i].name), m.name.as_str())),
        );
        if l.models.len() > MAX_MODELS {
            self.error(
                field!(line.models[MAX_MODELS]),
                None,
                format!(
                    "at most {MAX_MODELS} robot models on a line, got {}",
                    l.models.len()
                ),
            );
        }
        let models: Vec<Model> = l
            .models
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut consumes: Vec<Vec<(PartId, u32)>> =
                    stations.iter().map(|s| s.consumes.clone()).collect();
                let mut process: Vec<Dist> = stations.iter().map(|s| s.process).collect();
                for (st, work) in &m.stations {
                    let path = field!(line.models[i].stations.{st});
                    let Some(k) = stations.iter().position(|s| &s.name == st) else {
                        let known: Vec<&str> = stations.iter().map(|s| s.name.as_str()).collect();
                        self.error(
                            path,
                            Some(&format!("{st:?}")),
                            format!("unknown station {st:?} (known: {})", known.join(", ")),
                        );
                        continue;
                    };
                    if let Some(c) = &work.consumes {
                        consumes[k] = c
                            .iter()
                            .map(|(part, &n)| {
                                let p = self.resolve(
                                    parts,
                                    field!((path).consumes.{part}),
                                    "part",
                                    part,
                                );
                                (PartId::new(p), n)
                            })
                            .filter(|&(_, n)| n > 0)
                            .collect();
                    }
                    if let Some(d) = &work.process {
                        process[k] = self.dist(field!((path).process), d);
                    }
                }
                if consumes.iter().all(Vec::is_empty) {
                    self.error(
                        field!(line.models[i]),
                        Some(&format!("{:?}", m.name)),
                        format!("model {:?} takes no parts at any station", m.name),
                    );
                }
                Model {
                    name: m.name.clone(),
                    consumes,
                    process,
                }
            })
            .collect();
        let mix = match (&l.mix, models.is_empty()) {
            (None, true) => None,
            (None, false) => {
                self.error(
                    field!(line.models),
                    None,
                    "with models, give the line a mix: Sequence([...]) or Shares({...})".into(),
                );
                None
            }
            (Some(_), true) => {
                self.error(field!(line.mix), None, "a mix needs models".into());
                None
            }
            (Some(MixFile::Sequence(seq)), false) => {
                if seq.is_empty() {
                    self.error(field!(line.mix), None, "the sequence is empty".into());
                }
                let ids = seq
                    .iter()
                    .map(|m| self.resolve(&names, field!(line.mix), "model", m))
                    .collect();
                Some(Mix::Sequence(ids))
            }
            (Some(MixFile::Shares(shares)), false) => {
                let mut by_model = vec![0.0; models.len()];
                for (m, &x) in shares {
                    let k = self.resolve(&names, field!(line.mix.{m}), "model", m);
                    if !(0.0..=1.0).contains(&x) {
                        self.error(
                            field!(line.mix.{m}),
                            None,
                            format!("a share is between 0 and 1, got {x}"),
                        );
                    }
                    if let Some(v) = by_model.get_mut(k) {
                        *v = x;
                    }
                }
                let sum: f64 = shares.values().sum();
                if !sums_to_one(sum) {
                    self.error(
                        field!(line.mix),
                        None,
                        format!("the models' shares sum to {sum}, not 1"),
                    );
                }
                Some(Mix::Shares(by_model))
            }
        };
        (models, mix)
    }
}
