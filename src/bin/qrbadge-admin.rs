//! The administrators' bundle (`dist/admin/`, served at `/admin`): acting for other people, the
//! team badge sheet and printing what they created.

fn main() {
    qrbadge::start(qrbadge::routes::ADMINISTRATOR);
}
