//! One check at a time on codes in random order, as a server meets them: every code goes
//! through `black_box` on the way in and out, so nothing is hoisted or vectorised across
//! codes. closecode, tungstenite 0.30 and a branch-free floor in the same run, on three
//! stream shapes. `cargo bench -p closecode-bench --bench latency`

use closecode_bench::{Shape, floor_parse, floor_sendable, mixed_bodies};
use closecode_core::{CloseCode, ClosePayload};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use tungstenite::protocol::frame::coding::CloseCode as TCode;

const CODES: usize = 1 << 20;

/// Runs `check` on every code, one at a time. The result goes to a slot of its own: when it
/// shared the stack slot of the next code's `black_box`, each load of a code waited for the
/// previous result (`registry_entry` measured 5.3 ns per code that way, 1.6 ns this way).
fn each<T>(codes: &[u16], check: impl Fn(u16) -> T) {
    let mut sink = None;
    for &code in codes {
        sink.replace(check(black_box(code)));
        black_box(&mut sink);
    }
}

/// Benchmarks `check` as `id` on one stream shape.
fn one_at_a_time<T>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: &str,
    shape: Shape,
    codes: &[u16],
    check: impl Fn(u16) -> T + Copy,
) {
    group.bench_with_input(BenchmarkId::new(id, shape.name()), codes, |b, codes| b.iter(|| each(codes, check)));
}

fn latency(c: &mut Criterion) {
    let mut group = c.benchmark_group("latency");
    group.throughput(Throughput::Elements(CODES as u64)).sample_size(20).measurement_time(Duration::from_secs(3));
    for shape in Shape::ALL {
        let codes = shape.codes(CODES);
        let codes = codes.as_slice();
        let group = &mut group;
        one_at_a_time(group, "from+into+is_sendable/closecode", shape, codes, |n| {
            let code = CloseCode::from(n);
            (u16::from(code), code.is_sendable())
        });
        one_at_a_time(group, "from+into+is_allowed/tungstenite", shape, codes, |n| {
            let code = TCode::from(n);
            (u16::from(code), code.is_allowed())
        });
        // What the loop and the two `black_box`es cost with no check at all.
        one_at_a_time(group, "harness", shape, codes, |n| (n, n & 1 == 0));
        one_at_a_time(group, "floor", shape, codes, |n| (n, floor_sendable(n)));
        // The other generated lookups and checks, each from a received number.
        one_at_a_time(group, "name/closecode", shape, codes, |n| CloseCode::from(n).name());
        one_at_a_time(group, "description/closecode", shape, codes, |n| CloseCode::from(n).description());
        one_at_a_time(group, "reconnect/closecode", shape, codes, |n| CloseCode::from(n).reconnect());
        one_at_a_time(group, "is_registered/closecode", shape, codes, |n| CloseCode::from(n).is_registered());
        one_at_a_time(group, "is_local_only/closecode", shape, codes, |n| CloseCode::from(n).is_local_only());
        one_at_a_time(group, "range/closecode", shape, codes, |n| CloseCode::from(n).range());
        one_at_a_time(group, "is_allowed_in_close/closecode", shape, codes, |n| {
            CloseCode::from(n).is_allowed_in_close()
        });
        one_at_a_time(group, "registry_entry/closecode", shape, codes, |n| CloseCode::from(n).registry_entry());
    }
    group.finish();

    let bodies = mixed_bodies(1 << 16);
    let mut group = c.benchmark_group("latency-parse");
    group
        .throughput(Throughput::Elements(bodies.len() as u64))
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("mixed-bodies/closecode", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(ClosePayload::parse(black_box(body.as_slice())).map(|p| p.reason().len()).is_ok());
            }
        });
    });
    group.bench_function("mixed-bodies/floor", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(floor_parse(black_box(body.as_slice())).map(|(_, r)| r.len()).is_some());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, latency);
criterion_main!(benches);
