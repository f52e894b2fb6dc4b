//! What the build script does, timed: parse and check the vendored registry and its
//! annotations, then render the Rust source. `cargo bench -p closecode-bench --bench codegen`

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn codegen(c: &mut Criterion) {
    let provenance = closecode_registry::vendored_provenance().unwrap();
    c.bench_function("build script/parse+check", |b| b.iter(|| closecode_registry::vendored().unwrap()));
    let registry = closecode_registry::vendored().unwrap();
    c.bench_function("build script/generate", |b| {
        b.iter(|| closecode_registry::generate(black_box(&registry), &provenance).len());
    });
    c.bench_function("build script/parse+check+generate", |b| {
        b.iter(|| closecode_registry::generate(&closecode_registry::vendored().unwrap(), &provenance).len());
    });
}

criterion_group!(benches, codegen);
criterion_main!(benches);
