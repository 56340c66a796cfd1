//! Pagefind's browser code, made by Pagefind itself once per language.

use crate::{Error, HashMap, Language};
use std::sync::{Arc, Mutex, OnceLock};

/// Pagefind's browser code for a language: its script, worker and the WebAssembly
/// with the language's stemmer, and the Pagefind version they belong to. Made once per
/// process by Pagefind itself (it minifies the scripts, about 0.1 s).
pub struct Scripts {
    pub(crate) version: String,
    pub(crate) files: Vec<(String, Arc<[u8]>)>,
}

static SCRIPTS: OnceLock<Mutex<HashMap<&'static str, Arc<Scripts>>>> = OnceLock::new();

/// The browser code for `language`, made on first use.
pub fn scripts(language: Language) -> Result<Arc<Scripts>, Error> {
    let all = SCRIPTS.get_or_init(Default::default);
    let mut all = all.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = all.get(language.code()) {
        return Ok(s.clone());
    }
    let s = Arc::new(make_scripts(language)?);
    all.insert(language.code(), s.clone());
    Ok(s)
}

/// Starts making the browser code for `language` on a thread of its own, so that a
/// build does not wait for it later.
pub fn prepare(language: Language) {
    let ready = SCRIPTS
        .get()
        .is_some_and(|m| m.lock().is_ok_and(|m| m.contains_key(language.code())));
    if !ready {
        std::thread::spawn(move || {
            let _ = scripts(language);
        });
    }
}

fn make_scripts(language: Language) -> Result<Scripts, Error> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(Error::Runtime)?;
    let files = rt.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.code().to_string())
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config))?;
        index
            .add_custom_record(
                "x/".to_string(),
                "tandem".to_string(),
                language.code().to_string(),
                None,
                None,
                None,
            )
            .await?;
        index.get_files().await
    });
    let files = files.map_err(|e| Error::Pagefind(e.to_string()))?;
    let wasm = format!("wasm.{}.pagefind", language.code());
    let mut version = None;
    let mut kept = Vec::new();
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if name == "pagefind-entry.json" {
            let entry: serde_json::Value =
                serde_json::from_slice(&f.contents).map_err(Error::Entry)?;
            version = entry["version"].as_str().map(str::to_string);
        } else if name == "pagefind.js" || name == "pagefind-worker.js" || name == wasm {
            kept.push((name, Arc::from(f.contents)));
        }
    }
    let version = version.ok_or(Error::NoVersion)?;
    Ok(Scripts {
        version,
        files: kept,
    })
}
