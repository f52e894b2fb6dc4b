//! Close-code lookups over a realistic stream: closecode's generated `CloseCode` against
//! tungstenite 0.30's, in one run. `cargo bench -p closecode-bench --bench lookups`

use closecode_bench::realistic_codes;
use closecode_core::CloseCode;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tungstenite::protocol::frame::coding::CloseCode as TCode;

fn lookups(c: &mut Criterion) {
    let codes = realistic_codes(4096);
    let mut group = c.benchmark_group("lookups");
    group.throughput(Throughput::Elements(codes.len() as u64));

    group.bench_function("from_u16+into_u16/closecode", |b| {
        b.iter(|| black_box(&codes).iter().map(|&n| u16::from(CloseCode::from(n))).fold(0u32, |a, n| a + u32::from(n)));
    });
    group.bench_function("from_u16+into_u16/tungstenite", |b| {
        b.iter(|| black_box(&codes).iter().map(|&n| u16::from(TCode::from(n))).fold(0u32, |a, n| a + u32::from(n)));
    });
    group.bench_function("is_sendable/closecode", |b| {
        b.iter(|| black_box(&codes).iter().filter(|&&n| CloseCode::from(n).is_sendable()).count());
    });
    // The alternative the design asks to measure: a bitmap over all 65536 codes, built from
    // the generated check. Not what ships: see the README for the comparison.
    let bitmap: Vec<u64> = (0..1024u32)
        .map(|word| {
            (0..64u32).fold(0u64, |bits, bit| {
                let code = u16::try_from(word * 64 + bit).unwrap();
                bits | (u64::from(CloseCode::from(code).is_sendable()) << bit)
            })
        })
        .collect();
    group.bench_function("is_sendable/bitmap-alternative", |b| {
        b.iter(|| {
            let bitmap = black_box(&bitmap);
            black_box(&codes).iter().filter(|&&n| bitmap[usize::from(n >> 6)] >> (n & 63) & 1 == 1).count()
        });
    });
    group.bench_function("is_allowed/tungstenite", |b| {
        b.iter(|| black_box(&codes).iter().filter(|&&n| TCode::from(n).is_allowed()).count());
    });
    group.bench_function("name/closecode", |b| {
        b.iter(|| black_box(&codes).iter().map(|&n| CloseCode::from(n).name().len()).sum::<usize>());
    });
    group.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
