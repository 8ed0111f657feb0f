//! Model files: round trip, and the typed errors for bad files.

use stance::model::{Model, ModelCard, ScoringModel};
use stance::{Classifier, Error, FeatureConfig};

fn tiny_model() -> Model {
    Model {
        config: FeatureConfig::default(),
        card: ModelCard {
            name: "tiny".into(),
            ..ModelCard::default()
        },
        features: vec!["w:strike".into(), "w:talk".into(), "c:calm".into()],
        weights: vec![[2.0, -1.0, -1.0], [-1.0, 2.0, -1.0], [-0.5, 1.5, -1.0]],
        bias: [0.0, 0.0, 0.5],
        temperature: 1.0,
    }
}

#[test]
fn save_then_load_gives_the_same_scores() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.model");
    let model = Classifier::bundled().unwrap().model().clone();
    model.save(&path).unwrap();
    let loaded = Classifier::from_path(&path).unwrap();
    // A file-loaded classifier parses its whole model (names, card) only on demand.
    assert_eq!(loaded.model(), &model);
    let original = Classifier::new(model);
    for text in [
        "Warplanes struck the port.",
        "Both sides agreed to talks.",
        "",
        "Rain is expected.",
    ] {
        assert_eq!(original.classify(text), loaded.classify(text));
        assert_eq!(original.explain(text), loaded.explain(text));
    }
}

#[test]
fn a_flipped_byte_is_caught_by_the_checksum() {
    let mut bytes = tiny_model().to_bytes().unwrap();
    let last = bytes.len() - 5;
    bytes[last] ^= 0x01;
    assert!(matches!(
        Model::from_bytes(&bytes),
        Err(Error::ModelChecksum { .. })
    ));
}

#[test]
fn a_truncated_file_is_a_format_error() {
    let bytes = tiny_model().to_bytes().unwrap();
    for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
        let err = Model::from_bytes(&bytes[..cut]).unwrap_err();
        assert!(matches!(err, Error::ModelFormat(_)), "cut at {cut}: {err}");
    }
}

#[test]
fn a_model_from_another_featurizer_is_refused() {
    let bytes = tiny_model().to_bytes().unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let fingerprint = FeatureConfig::default().fingerprint();
    // Another version of the featurizer.
    let older = text.replacen(&fingerprint, "stance-features/0:0000000000000000", 1);
    assert!(matches!(
        Model::from_bytes(older.as_bytes()),
        Err(Error::FingerprintMismatch { .. })
    ));
    // Same version, other lexicon or configuration.
    let other = text.replacen(
        &fingerprint,
        &format!("{}:0123456789abcdef", stance::features::FEATURIZER_VERSION),
        1,
    );
    let err = Model::from_bytes(other.as_bytes()).unwrap_err();
    assert!(matches!(err, Error::FingerprintMismatch { .. }), "{err}");
    assert!(err.to_string().contains("retrain"));
}

#[test]
fn a_file_that_is_not_a_model_is_a_format_error() {
    for junk in [&b"hello"[..], b"{}\n{}", b"\xff\xfe\n", b""] {
        assert!(matches!(
            Model::from_bytes(junk),
            Err(Error::ModelFormat(_))
        ));
    }
    let missing = Classifier::from_path("/nonexistent/stance.model").unwrap_err();
    assert!(matches!(missing, Error::Io { .. }));
}

#[test]
fn a_version_1_file_still_loads() {
    let model = tiny_model();
    let v1 = model.to_bytes_v1().unwrap();
    assert!(v1.starts_with(br#"{"format":"stance-model","version":1,"#));
    assert_eq!(Model::from_bytes(&v1).unwrap(), model);
    let scoring = ScoringModel::from_bytes(&v1).unwrap();
    assert_eq!(scoring, ScoringModel::from(model.clone()));
    // Its checksum still guards it.
    let mut flipped = v1.clone();
    let last = flipped.len() - 5;
    flipped[last] ^= 0x01;
    assert!(matches!(
        Model::from_bytes(&flipped),
        Err(Error::ModelChecksum { .. })
    ));
}

#[test]
fn weights_round_trip_bit_for_bit() {
    let mut model = tiny_model();
    model.weights[0] = [f32::MIN_POSITIVE, -0.0, 1.0e-30];
    model.bias = [0.1, -0.2, 0.3];
    model.temperature = 1.351;
    let bytes = model.to_bytes().unwrap();
    assert!(bytes.starts_with(br#"{"format":"stance-model","version":2,"#));
    let back = Model::from_bytes(&bytes).unwrap();
    let bits = |m: &Model| -> Vec<u32> {
        m.weights
            .iter()
            .flatten()
            .chain(&m.bias)
            .chain([&m.temperature])
            .map(|w| w.to_bits())
            .collect()
    };
    assert_eq!(bits(&back), bits(&model));
    assert_eq!(back, model);
}

#[test]
fn scoring_load_and_full_load_agree_and_refuse_alike() {
    let model = tiny_model();
    let bytes = model.to_bytes().unwrap();
    assert_eq!(
        ScoringModel::from_bytes(&bytes).unwrap(),
        ScoringModel::from(model)
    );
    for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
        let err = ScoringModel::from_bytes(&bytes[..cut]).unwrap_err();
        assert!(matches!(err, Error::ModelFormat(_)), "cut at {cut}: {err}");
    }
}

#[test]
fn a_damaged_table_is_a_format_error_naming_the_line() {
    // Rewrite the payload by hand and fix up the header, as a careless edit would.
    let bytes = tiny_model().to_bytes().unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let (_, payload) = text.split_once('\n').unwrap();
    let damaged = payload.replacen(" w:talk", "w:talk", 1);
    let header = format!(
        r#"{{"format":"stance-model","version":2,"fingerprint":"{}","payload_bytes":{},"checksum":"{:016x}"}}"#,
        FeatureConfig::default().fingerprint(),
        damaged.len(),
        stance::hash::checksum(damaged.as_bytes())
    );
    let file = format!("{header}\n{damaged}");
    for err in [
        Model::from_bytes(file.as_bytes()).unwrap_err(),
        ScoringModel::from_bytes(file.as_bytes()).unwrap_err(),
    ] {
        assert!(matches!(err, Error::ModelFormat(_)), "{err}");
        assert!(err.to_string().contains("feature line 2"), "{err}");
    }
}

#[test]
fn a_name_with_a_newline_cannot_be_saved() {
    let mut model = tiny_model();
    model.features[1] = "w:two\nlines".into();
    assert!(matches!(model.to_bytes(), Err(Error::ModelFormat(_))));
}
