-- wrk script of the NineLives load benchmark: every request is the same POST, and the run
-- ends with one machine-readable line that the harness parses (latencies in microseconds).
--
-- Environment: BENCH_BODY (the JSON body), BENCH_HEADERS ("Name: value" pairs joined by "\n").

wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
for pair in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
  local name, value = pair:match("^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

-- No response() hook: defining one makes wrk hand every answer to Lua, which would slow the
-- load generator down; wrk's own error counts (status >= 400, I/O, timeouts) are enough.

function done(summary, latency, requests)
  local e = summary.errors
  io.write("BENCH-WRK",
    " requests=", summary.requests,
    " micros=", summary.duration,
    " p50=", latency:percentile(50),
    " p90=", latency:percentile(90),
    " p99=", latency:percentile(99),
    " max=", latency.max,
    " connect=", e.connect, " read=", e.read, " write=", e.write,
    " status=", e.status, " timeout=", e.timeout, "\n")
end
