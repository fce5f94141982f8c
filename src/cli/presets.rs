//! `pochta presets [DOMAIN|ADDR]`: the provider table a person reads, or one provider's settings.

use crate::engine::api::{EngineError, describe_preset, find_preset, preset_for_address, presets_summary};

pub fn run(query: Option<&str>, json: bool) -> Result<(), EngineError> {
    let Some(query) = query else {
        print!("{}", presets_summary());
        return Ok(());
    };
    let address = if query.contains('@') { query.to_string() } else { format!("user@{query}") };
    let provider = find_preset(query)
        .or_else(|| preset_for_address(&address))
        .ok_or_else(|| EngineError::config(crate::fl!("cli-presets-none", query = query)))?;
    if json {
        let servers = |list: &[crate::model::ServerEndpoint]| -> Vec<serde_json::Value> {
            list.iter()
                .map(|e| serde_json::json!({"host": e.host, "port": e.port, "security": e.security.as_str()}))
                .collect()
        };
        println!(
            "{}",
            serde_json::json!({
                "id": provider.id, "name": provider.name, "domains": provider.domains,
                "imap": servers(&provider.imap), "pop3": servers(&provider.pop3), "smtp": servers(&provider.smtp),
                "enable_access_url": provider.enable_access_url, "app_password_url": provider.app_password_url,
                "last_verified": provider.last_verified,
            })
        );
    } else {
        print!("{}", describe_preset(provider));
    }
    Ok(())
}
