//! The kiosk's bundle (`dist/kiosk/`, served at `/kiosk`): the shared screen only.

fn main() {
    qrbadge::start(qrbadge::routes::KIOSK);
}
