//! The accept loop: HTTP/1.1 with keep-alive via hyper, so a fault can drop a connection without answering
//! (axum::serve cannot express that).

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::faults::DropConnection;

#[derive(Debug, thiserror::Error)]
#[error("connection dropped by an injected fault")]
struct DroppedOnPurpose;

pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Running out of file descriptors and similar conditions pass; keep accepting.
            Err(error) => {
                eprintln!("qrbadge emulator: accept failed: {error}");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let router = router.clone();
                async move {
                    let response = match router.oneshot(request.map(axum::body::Body::new)).await {
                        Ok(response) => response,
                        Err(never) => match never {},
                    };
                    if response.extensions().get::<DropConnection>().is_some() {
                        return Err(DroppedOnPurpose);
                    }
                    Ok(response)
                }
            });
            // Errors here are client disconnects and injected drops; nothing to report.
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
