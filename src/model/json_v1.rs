//! Payload of model files version 1: the whole [`Model`] as one JSON document.

use super::Model;
use crate::error::{Error, Result};

pub(super) fn encode(model: &Model) -> Result<Vec<u8>> {
    serde_json::to_vec(model).map_err(|e| Error::ModelFormat(e.to_string()))
}

pub(super) fn decode(payload: &[u8]) -> Result<Model> {
    serde_json::from_slice(payload)
        .map_err(|e| Error::ModelFormat(format!("unreadable payload: {e}")))
}
