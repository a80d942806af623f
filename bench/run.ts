// `npm run bench`: benchmarks with budgets. The issue "Measure it" fills in the six figures
// (bundle, render economy, chart load, warm start, network, soak); until then this says so
// instead of pretending to measure.
console.log('No benchmarks yet: they arrive with the issue "Measure it: a benchmark with budgets".');
