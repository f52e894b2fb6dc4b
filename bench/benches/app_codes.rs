//! `TryFrom<u16>` of derived application enums, closecode against `num_enum`, at 10 and 1000
//! variants. `cargo bench -p closecode-bench --bench app_codes`

use closecode_bench::{app_codes, big_closecode, big_num_enum, small_closecode, small_num_enum};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

macro_rules! try_from_bench {
    ($group:expr, $name:expr, $ty:ty, $codes:expr) => {
        $group.bench_function($name, |b| {
            b.iter(|| black_box($codes).iter().filter(|&&n| <$ty>::try_from(n).is_ok()).count());
        });
    };
}

fn app(c: &mut Criterion) {
    let small = app_codes(4096, 10);
    let big = app_codes(4096, 1000);
    let mut group = c.benchmark_group("try_from_u16");
    group.throughput(Throughput::Elements(4096));
    try_from_bench!(group, "10 variants/closecode", small_closecode::Small, &small);
    try_from_bench!(group, "10 variants/num_enum", small_num_enum::Small, &small);
    try_from_bench!(group, "1000 variants/closecode", big_closecode::Big, &big);
    try_from_bench!(group, "1000 variants/num_enum", big_num_enum::Big, &big);
    group.finish();
}

criterion_group!(benches, app);
criterion_main!(benches);
