//! Integration tests of the emulator through its router (in process) and, for connection-level faults and
//! the load check, through a real loopback socket.

mod common;

mod batch_load;
mod contract;
mod faults_control;
mod graph_directory;
mod graph_surface;
mod identity;
mod least_privilege;
mod load;
mod lost_answer;
mod oidc_flow;
mod oidc_logout;
mod oidc_tokens;
mod rules;
mod static_serving;
