//! A throwaway PostgreSQL server for a test: Debian's binaries, a cluster made by `initdb` in a
//! temporary directory, listening on 127.0.0.1 only, run as an unprivileged user (the server
//! refuses root), stopped and removed when dropped.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};

use super::isolated::skip;

pub struct Cluster {
    bin: PathBuf,
    directory: PathBuf,
    port: u16,
    /// The unprivileged user that owns the cluster, when the tests run as root.
    owner: Option<&'static str>,
}

/// The newest installed server's binaries (`/usr/lib/postgresql/VERSION/bin`).
fn binaries() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.trim_ascii() == b"0")
}

impl Cluster {
    /// A new cluster, started; `None` (said loudly, or a failure under `CI=true`) when
    /// PostgreSQL is not installed.
    pub fn start(what: &str) -> Option<Cluster> {
        let Some(bin) = binaries() else {
            skip(
                what,
                "PostgreSQL not installed",
                "apt-get install -y postgresql (as .ci/run does)",
            );
            return None;
        };
        let directory = std::env::temp_dir().join(format!(
            "corsage-pg-{}-{}",
            std::process::id(),
            what.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        ));
        let _ = std::fs::remove_dir_all(&directory);
        std::fs::create_dir_all(&directory).unwrap();
        let owner = is_root().then_some("postgres");
        if let Some(owner) = owner {
            run(Command::new("chown").arg(owner).arg(&directory));
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = Cluster {
            bin,
            directory,
            port,
            owner,
        };
        let data = cluster.data();
        run(cluster
            .command("initdb")
            .args([
                "--auth=trust",
                "--username=corsage",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
                "-D",
            ])
            .arg(&data));
        cluster.start_server();
        Some(cluster)
    }

    fn data(&self) -> PathBuf {
        self.directory.join("data")
    }

    /// `program` of the server's binaries, run as the cluster's owner.
    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        match self.owner {
            Some(owner) => {
                let mut command = Command::new("runuser");
                command.args(["-u", owner, "--"]).arg(program);
                command
            }
            None => Command::new(program),
        }
    }

    /// Starts the server (again), on the same port, and waits until it accepts connections.
    pub fn start_server(&self) {
        let options = format!(
            "-h 127.0.0.1 -p {} -k {} -c fsync=off",
            self.port,
            self.directory.display()
        );
        run(self
            .command("pg_ctl")
            .args(["-w", "-o", &options, "-l"])
            .arg(self.directory.join("log"))
            .arg("-D")
            .arg(self.data())
            .arg("start"));
    }

    /// Stops the server: every connection is closed, and no new one is accepted.
    pub fn stop_server(&self) {
        run(self
            .command("pg_ctl")
            .args(["-w", "-m", "fast", "-D"])
            .arg(self.data())
            .arg("stop"));
    }

    /// The URL the examples take in `DATABASE_URL`.
    pub fn url(&self) -> String {
        format!("postgres://corsage@127.0.0.1:{}/postgres", self.port)
    }

    /// Runs `sql` with `psql` (stopping at the first error), and returns its output, unaligned.
    pub fn psql(&self, sql: &str) -> String {
        let output = run(Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(self.url())
            .args(["-c", sql]));
        String::from_utf8(output.stdout).unwrap()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .args(["-m", "immediate", "-D"])
            .arg(self.data())
            .arg("stop")
            .output();
        let _ = std::fs::remove_dir_all(&self.directory);
    }
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("{command:?}: {error}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
