//! Close payload parsing against the floor (`u16::from_be_bytes` + `str::from_utf8` + an
//! inline range check). `cargo bench -p closecode-bench --bench payload`

use closecode_bench::{bodies, floor_parse};
use closecode_core::ClosePayload;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn payload(c: &mut Criterion) {
    let mut group = c.benchmark_group("payload");
    for (name, body) in bodies() {
        group.bench_function(format!("{name}/closecode"), |b| {
            b.iter(|| ClosePayload::parse(black_box(&body)).map(|p| p.reason().len()));
        });
        group.bench_function(format!("{name}/floor"), |b| {
            b.iter(|| floor_parse(black_box(&body)).map(|(_, r)| r.len()));
        });
    }
    group.finish();
}

criterion_group!(benches, payload);
criterion_main!(benches);
