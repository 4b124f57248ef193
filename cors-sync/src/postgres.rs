//! The PostgreSQL source, for a fleet: every replica listens on a channel that a trigger on the
//! table notifies at each change, and also reads the table at a polling floor.
//!
//! Both are needed. A notification reaches only the connections listening when it is sent: a
//! listener whose connection dropped misses it (the kit reconnects and reads the table at once),
//! and a transaction-mode connection pooler does not pass `LISTEN` at all (only the floor then
//! brings changes, `poll` late at most). While the database is down the running policy stays and
//! requests are answered by it; the kit reconnects every half second and catches up.

use std::future::poll_fn;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, Client, NoTls};

use crate::event::Event;
use crate::sync::TenantSync;

/// The channel the trigger notifies.
pub const CHANNEL: &str = "corsage_tenants";

/// Creates the table `tenants (tenant TEXT NOT NULL, origin TEXT NOT NULL)` and the trigger that
/// notifies [`CHANNEL`] after every statement that changes it, if they are missing. Under an
/// advisory lock: replicas starting together do not race.
const INSTALL: &str = "
BEGIN;
SELECT pg_advisory_xact_lock(hashtext('corsage_tenants'));
CREATE TABLE IF NOT EXISTS tenants (tenant TEXT NOT NULL, origin TEXT NOT NULL);
CREATE OR REPLACE FUNCTION corsage_tenants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('corsage_tenants', '');
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER corsage_tenants_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenants
    FOR EACH STATEMENT EXECUTE FUNCTION corsage_tenants_changed();
COMMIT;
";

/// The `application_name` of the kit's connections, unless the configuration names one.
pub const APPLICATION_NAME: &str = "corsage-sync";

/// How long a replica waits between two attempts to reach a database that is down.
const RECONNECT: Duration = Duration::from_millis(500);

/// How long a connection or a read may take before the database counts as down.
const TIMEOUT: Duration = Duration::from_secs(5);

/// Creates the table and its notification trigger if they are missing (PostgreSQL 14 or later).
pub async fn install(client: &Client) -> Result<(), tokio_postgres::Error> {
    client.batch_execute(INSTALL).await
}

/// Every (tenant, origin) row of the table.
pub async fn read(client: &Client) -> Result<Vec<(String, String)>, tokio_postgres::Error> {
    let rows = client
        .query("SELECT tenant, origin FROM tenants", &[])
        .await?;
    Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
}

/// Connects to `config` (`postgres://user@host:port/db`, or `key=value` pairs), installs the
/// table and trigger, and applies the table to `sync` now, at every notification, and at least
/// every `poll`; passes each event to `report`. Never returns: spawn it on the tokio runtime.
pub async fn keep_in_sync(
    mut sync: TenantSync,
    config: &str,
    poll: Duration,
    mut report: impl FnMut(Event),
) -> ! {
    loop {
        let error = match listen(config).await {
            Ok((client, notified)) => follow(&mut sync, &client, notified, poll, &mut report).await,
            Err(error) => error,
        };
        if let Some(event) = sync.failed(error) {
            report(event);
        }
        tokio::time::sleep(RECONNECT).await;
    }
}

/// A connection listening on [`CHANNEL`], with the table installed, and the receiver of its
/// notifications, which closes when the connection does.
async fn listen(config: &str) -> Result<(Client, mpsc::UnboundedReceiver<()>), String> {
    let mut config: tokio_postgres::Config = config.parse().map_err(|e| described(&e))?;
    config.connect_timeout(TIMEOUT);
    // So that an operator finds the replicas' connections in `pg_stat_activity`.
    if config.get_application_name().is_none() {
        config.application_name(APPLICATION_NAME);
    }
    let (client, mut connection) = config.connect(NoTls).await.map_err(|e| described(&e))?;
    let (notify, notified) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(Ok(message)) = poll_fn(|cx| connection.poll_message(cx)).await {
            if let AsyncMessage::Notification(_) = message {
                if notify.send(()).is_err() {
                    break;
                }
            }
        }
    });
    install(&client).await.map_err(|e| described(&e))?;
    client
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .await
        .map_err(|e| described(&e))?;
    Ok((client, notified))
}

/// Reads the table now, at each notification and at the floor, until the connection fails;
/// returns why it did.
async fn follow(
    sync: &mut TenantSync,
    client: &Client,
    mut notified: mpsc::UnboundedReceiver<()>,
    poll: Duration,
    report: &mut impl FnMut(Event),
) -> String {
    loop {
        match tokio::time::timeout(TIMEOUT, read(client)).await {
            Ok(Ok(rows)) => {
                if let Some(event) = sync.apply(rows) {
                    report(event);
                }
            }
            Ok(Err(error)) => return described(&error),
            Err(_) => return format!("no answer within {} s", TIMEOUT.as_secs()),
        }
        tokio::select! {
            signal = notified.recv() => match signal {
                // Notifications sent meanwhile are answered by the same read.
                Some(()) => while notified.try_recv().is_ok() {},
                None => return "the connection to the database was closed".to_owned(),
            },
            () = tokio::time::sleep(poll) => {}
        }
    }
}

/// An error with its causes: tokio-postgres says "error connecting to server" and keeps why
/// ("Connection refused") as its source.
fn described(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}
