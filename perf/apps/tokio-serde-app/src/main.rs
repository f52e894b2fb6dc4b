//! A small application that already builds tokio (with its macros) and serde (with derive):
//! the baseline for what adding closecode-core costs.

#[derive(serde::Serialize, serde::Deserialize, Debug)]
struct Message {
    room: String,
    text: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let message = Message { room: "rust".into(), text: "hi".into() };
    println!("{message:?}");
}
