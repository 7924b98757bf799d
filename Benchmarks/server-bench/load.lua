-- wrk load for Benchmarks/server-bench/run (the default load generator; load.js is the k6 one): one of three modes,
-- each connection sending its next request as soon as the last one is answered.
--
--   transfer  POST /graphql `transfer` of 1 minor unit from a random bench user's wallet to another random bench
--             wallet, with that user's token and a fresh idempotency key; ok = HTTP 200, no `errors`, empty
--             `userErrors`.
--   read      POST /graphql `wallet(id:) { balance }` of a random bench user's own wallet; ok = a balance.
--   healthz   GET /healthz; ok = 200.
--
-- Environment: MODE, USERS (a file of "token wallet" lines written by bench.py), RUN (makes idempotency keys unique
-- across runs). done() prints "ok=N failed=N" and a few failing bodies for bench.py.
local mode = os.getenv("MODE")
local run = os.getenv("RUN") or "run"
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local users = {}
local counter = 0
ok = 0
failed = 0
samples = ""

function init(args)
  math.randomseed(os.time() * 1000 + id)
  if mode ~= "healthz" then
    for line in io.lines(os.getenv("USERS")) do
      local token, wallet = line:match("^(%S+) (%S+)$")
      table.insert(users, { token = token, wallet = wallet })
    end
  end
end

local TRANSFER = 'mutation($input: TransferInput!) { transfer(input: $input) { transaction { id } userErrors { code message } } }'
local READ = 'query($id: ID!) { wallet(id: $id) { balance } }'

function request()
  if mode == "healthz" then return wrk.format("GET", "/healthz") end
  local i = math.random(#users)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. users[i].token }
  local body
  if mode == "read" then
    body = '{"query":"' .. READ .. '","variables":{"id":"' .. users[i].wallet .. '"}}'
  else
    local j = math.random(#users - 1)
    if j >= i then j = j + 1 end
    counter = counter + 1
    body = '{"query":"' .. TRANSFER .. '","variables":{"input":{"fromWalletId":"' .. users[i].wallet
      .. '","toWalletId":"' .. users[j].wallet .. '","amount":"1","idempotencyKey":"wrk-' .. run .. '-' .. id
      .. '-' .. counter .. '"}}}'
  end
  return wrk.format("POST", "/graphql", headers, body)
end

function response(status, headers, body)
  local good = status == 200
  if good and mode ~= "healthz" then
    good = not body:find('"errors"', 1, true)
    if mode == "transfer" then good = good and body:find('"userErrors":[]', 1, true) ~= nil end
    if mode == "read" then good = good and body:find('"balance":"', 1, true) ~= nil end
  end
  if good then
    ok = ok + 1
  else
    failed = failed + 1
    if #samples < 1000 then samples = samples .. "failure: HTTP " .. status .. " " .. body:sub(1, 300) .. "\n" end
  end
end

function done(summary, latency, requests)
  local total_ok, total_failed = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_failed = total_failed + thread:get("failed")
    io.write(thread:get("samples"))
  end
  io.write(string.format("ok=%d failed=%d seconds=%.3f p50=%.3f p99=%.3f\n", total_ok, total_failed,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
