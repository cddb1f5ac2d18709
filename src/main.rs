//! The employees' bundle (`index.html`, served at `/` and every path outside `/kiosk` and `/admin`):
//! their own pages only. The other audiences are `src/bin/qrbadge-kiosk.rs` and
//! `src/bin/qrbadge-admin.rs`; the route table is `src/routes.rs`.

fn main() {
    qrbadge::start(qrbadge::routes::EMPLOYEE);
}
