// k6 load for Benchmarks/server-bench/run: one of three modes against the running server, SERVER_BENCH_VUS
// virtual users (16), each sending its next request as soon as the last one is answered.
//
//   transfer  POST /graphql `transfer` of 1 minor unit from a random bench user's wallet to another random
//             bench wallet, with that user's token and a fresh idempotency key; ok = no `errors` and empty
//             `userErrors`.
//   read      POST /graphql `wallet(id:) { balance }` of a random bench user's own wallet; ok = a balance.
//   healthz   GET /healthz; ok = 200.
//
// Environment: MODE, BASE_URL, USERS (a JSON file of [{token, wallet}] written by the run script: the token is
// that user's JWT, the wallet its wallet's GlobalID), RUN (a tag that makes idempotency keys unique across
// runs), SUMMARY (where handleSummary writes the figures the run script reads). The duration is `-d`.
import http from 'k6/http';
import { Counter } from 'k6/metrics';

const MODE = __ENV.MODE;
const BASE_URL = __ENV.BASE_URL;
const RUN = __ENV.RUN || 'run';
const USERS = MODE === 'healthz' ? [] : JSON.parse(open(__ENV.USERS));

export const options = {
  vus: Number(__ENV.SERVER_BENCH_VUS || 16),
  summaryTrendStats: ['avg', 'min', 'med', 'p(50)', 'p(99)', 'max'],
  discardResponseBodies: false,
};

const ok = new Counter('bench_ok');
const failed = new Counter('bench_failed');
let logged = 0;

const TRANSFER = `mutation($input: TransferInput!) {
  transfer(input: $input) { transaction { id } userErrors { code message } }
}`;
const READ = `query($id: ID!) { wallet(id: $id) { balance } }`;

function fail(text) {
  failed.add(1);
  // A few samples per VU, so that a broken run says why without flooding the log.
  if (logged < 3) {
    logged += 1;
    console.error(`${MODE} failure: ${text}`.slice(0, 400));
  }
}

function post(query, variables, token) {
  return http.post(`${BASE_URL}/graphql`, JSON.stringify({ query, variables }), {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  });
}

function randomIndex(n) {
  return Math.floor(Math.random() * n);
}

export default function () {
  if (MODE === 'healthz') {
    const response = http.get(`${BASE_URL}/healthz`);
    if (response.status === 200) ok.add(1);
    else fail(`HTTP ${response.status} ${response.body}`);
    return;
  }
  const i = randomIndex(USERS.length);
  if (MODE === 'read') {
    const response = post(READ, { id: USERS[i].wallet }, USERS[i].token);
    let body = null;
    try { body = response.json(); } catch (e) { /* reported below */ }
    if (response.status === 200 && body && !body.errors && body.data && body.data.wallet
        && typeof body.data.wallet.balance === 'string') ok.add(1);
    else fail(`HTTP ${response.status} ${response.body}`);
    return;
  }
  // transfer: j is any other user.
  let j = randomIndex(USERS.length - 1);
  if (j >= i) j += 1;
  const input = {
    fromWalletId: USERS[i].wallet,
    toWalletId: USERS[j].wallet,
    amount: '1',
    idempotencyKey: `k6-${RUN}-${__VU}-${__ITER}`,
  };
  const response = post(TRANSFER, { input }, USERS[i].token);
  let body = null;
  try { body = response.json(); } catch (e) { /* reported below */ }
  if (response.status === 200 && body && !body.errors && body.data && body.data.transfer
      && body.data.transfer.userErrors.length === 0 && body.data.transfer.transaction) ok.add(1);
  else fail(`HTTP ${response.status} ${response.body}`);
}

export function handleSummary(data) {
  const metric = (name) => (data.metrics[name] ? data.metrics[name].values : {});
  const duration = metric('http_req_duration');
  const figures = {
    seconds: data.state.testRunDurationMs / 1000,
    ok: metric('bench_ok').count || 0,
    failed: metric('bench_failed').count || 0,
    requests: metric('http_reqs').count || 0,
    p50: duration['p(50)'],
    p99: duration['p(99)'],
    max: duration.max,
  };
  return { [__ENV.SUMMARY]: JSON.stringify(figures) + '\n' };
}
