//! Model files: round trip, and the typed errors for bad files.

use stance::model::{Model, ModelCard};
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
    let original = Classifier::new(model);
    for text in [
        "Warplanes struck the port.",
        "Both sides agreed to talks.",
        "",
        "Rain is expected.",
    ] {
        assert_eq!(original.classify(text), loaded.classify(text));
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
