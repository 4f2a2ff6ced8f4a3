// Drives simulated contestants through a running site's contest pages over HTTP, as their browsers would:
// entry form, the one-time code from the e-mail, the attempt page, one autosave per answer, the tie-break guess
// and the submit. It also plays the organiser who sets the contest up in the backoffice, and the mail server
// that receives the codes. Called by bench/contest-load.sh, which starts the site and checks the database after.
//
// Input (environment): BENCH_SITE, BENCH_SMTP_PORT, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, BENCH_CONTESTANTS,
// BENCH_QUESTIONS, BENCH_RAMP_SECONDS, BENCH_THINK_MS ("min-max"), BENCH_SEED, BENCH_RAW_SAVES (1: every save's timing too),
// BENCH_WARMUP (contestants run first and left out of the figures), BENCH_ENTRY ("email", or "class" for class codes).
// Output: one JSON object on stdout with the figures; progress on stderr.
import { createHmac } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, FormData, request } from 'undici';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const env = (name, fallback) => process.env[name] ?? fallback;
const site = env('BENCH_SITE', 'http://127.0.0.1:5184');
const smtpPort = Number(env('BENCH_SMTP_PORT', '5185'));
const contestants = Number(env('BENCH_CONTESTANTS', '2000'));
const questions = Number(env('BENCH_QUESTIONS', '20'));
const rampMs = Number(env('BENCH_RAMP_SECONDS', '60')) * 1000;
const [thinkMin, thinkMax] = env('BENCH_THINK_MS', '8000-20000').split('-').map(Number);
const log = (...args) => console.error('[contest-load]', ...args);

// One connection pool for every simulated browser; connections are opened as requests need them and kept alive.
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 10_000 } });

// A fixed seed, so every run makes the same choices and the same think times.
const random = (() => {
  let state = Number(env('BENCH_SEED', '20261203')) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
const pick = (items) => items[Math.floor(random() * items.length)];
const thinkTime = (min = thinkMin, max = thinkMax) => min + random() * (max - min);
// Contestants run before the measured ones and left out of every figure, so that each node has compiled and warmed
// its code first, as a node that has served for a while has; they are in the database all the same.
const warmup = Number(env('BENCH_WARMUP', '0'));
// BENCH_ENTRY=class: children enter with the single-use codes of classes a teacher registered, not by e-mail.
const byClass = env('BENCH_ENTRY', 'email') === 'class';

// --- figures --------------------------------------------------------------------------------------------------
const timings = new Map(); // step → latencies in ms
const errors = new Map(); // step: what went wrong → count
const saveSeconds = new Map(); // whole second since start → saves answered in it
const saveWindows = new Map(); // 30 s window since start (by the save's start) → its latencies in ms
// With BENCH_RAW_SAVES=1, every save as [start ms since t0, latency ms], for a caller that times events of its own.
const rawSaves = env('BENCH_RAW_SAVES', '0') === '1' ? [] : null;
// The load tool's own stalls: a response that waits for this event loop is timed late, so the figures say how much.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const t0 = performance.now();
let firstSaveStart = Infinity;
let lastSaveEnd = 0;

const record = (step, ms) => (timings.get(step) ?? timings.set(step, []).get(step)).push(ms);
const fail = (step, what) => {
  const key = `${step}: ${what}`;
  errors.set(key, (errors.get(key) ?? 0) + 1);
};
const percentile = (sorted, p) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? null) };
};

// --- a browser: cookies, anti-forgery tokens, timed requests ------------------------------------------------------
class Browser {
  cookies = new Map();

  async send(step, method, path, body) {
    const headers = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body instanceof URLSearchParams) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = body.toString();
    }

    const started = performance.now();
    const response = await request(site + path, { method, body, headers, dispatcher, headersTimeout: 60_000, bodyTimeout: 60_000 });
    const text = await response.body.text();
    const ms = performance.now() - started;
    for (const cookie of [response.headers['set-cookie'] ?? []].flat()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }

    record(step, ms);
    return { status: response.statusCode, location: response.headers.location, text, started, ms };
  }

  get(step, path) {
    return this.send(step, 'GET', path);
  }

  post(step, path, fields) {
    return this.send(step, 'POST', path, fields);
  }
}

const token = (html, action) => {
  const form = action ? html.slice(html.indexOf(`action="${action}"`)) : html;
  const match = /<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(form);
  if (!match) throw new Error(`no anti-forgery token${action ? ` in the form posting to ${action}` : ''}`);
  return match[1];
};

const expect = (response, status, what) => {
  if (response.status !== status) {
    throw new Error(`${what}: HTTP ${response.status} (expected ${status})${response.text ? `: ${response.text.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
  }

  return response;
};

// --- the mail server the site sends the codes to ------------------------------------------------------------------
// What arrived for each address, and who waits for it: the one-time code (from the subject) and, for the teacher of
// the class-entry mode, the message's text (the address confirmation link).
const inbox = { code: { arrived: new Map(), waiting: new Map() }, text: { arrived: new Map(), waiting: new Map() } };
const deliver = (box, to, value) => {
  if (box.waiting.has(to)) {
    box.waiting.get(to)(value);
    box.waiting.delete(to);
  } else {
    box.arrived.set(to, value);
  }
};
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, done) {
    simpleParser(stream).then((mail) => {
      const code = /\b(\d{6})\b/.exec(mail.subject ?? '')?.[1];
      for (const { address } of session.envelope.rcptTo) {
        const to = address.toLowerCase();
        if (code) deliver(inbox.code, to, code);
        else deliver(inbox.text, to, mail.text ?? '');
      }

      done();
    }, done);
  },
});

const arrival = (box, what) => (address, timeoutMs) => {
  if (box.arrived.has(address)) return Promise.resolve(box.arrived.get(address));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      box.waiting.delete(address);
      reject(new Error(`no ${what} e-mailed to ${address} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    box.waiting.set(address, (value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
};
const codeFor = arrival(inbox.code, 'code');
const mailFor = arrival(inbox.text, 'message');

// --- the organiser: two-factor set-up, a question bank, a contest --------------------------------------------------
const totp = (base32) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.toUpperCase().replace(/[\s=]/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
};

// Questions of the kinds contests use (one right choice, true/false, a number), 20 % more than a round draws.
const benchBank = (count) => {
  const lines = ['$CATEGORY: Thi thử tải', ''];
  for (let i = 1; i <= count; i++) {
    if (i % 3 === 0) lines.push(`::Câu ${i}::Trẻ em có quyền được bảo vệ để không bị xâm hại (câu ${i}). {T}`, '');
    else if (i % 5 === 0) lines.push(`::Câu ${i}::Tổng đài quốc gia bảo vệ trẻ em là số mấy (câu ${i})? {#111}`, '');
    else lines.push(`::Câu ${i}::Theo Luật Trẻ em, trẻ em là người dưới bao nhiêu tuổi (câu ${i})? {`, '  =16 tuổi', '  ~15 tuổi', '  ~18 tuổi', '  ~14 tuổi', '}', '');
  }

  return lines.join('\n');
};

const vietnamLocal = (date) => new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 16);

async function setUpContest() {
  const admin = new Browser();
  const signIn = await admin.get('setup', '/backoffice/dang-nhap');
  const signedIn = await admin.post('setup', '/backoffice/dang-nhap', new URLSearchParams({
    Email: env('BENCH_ADMIN_EMAIL', 'admin@localhost'), Password: env('BENCH_ADMIN_PASSWORD', ''), __RequestVerificationToken: token(signIn.text),
  }));
  expect(signedIn, 302, 'administrator sign-in');
  const security = expect(await admin.get('setup', '/backoffice/bao-mat'), 200, 'security page');
  const key = /class="authenticator-key">([^<]+)</.exec(security.text)?.[1];
  if (!key) throw new Error('no authenticator key on /backoffice/bao-mat');
  const enabled = await admin.post('setup', '/backoffice/bao-mat/bat-xac-thuc', new URLSearchParams({
    code: totp(key), __RequestVerificationToken: token(security.text, '/backoffice/bao-mat/bat-xac-thuc'),
  }));
  if (enabled.status >= 400) throw new Error(`two-factor set-up: HTTP ${enabled.status}`);

  const banks = expect(await admin.get('setup', '/backoffice/ngan-hang-cau-hoi'), 200, 'question banks page');
  const bankName = 'thi-thu-tai';
  const saved = await admin.post('setup', '/backoffice/ngan-hang-cau-hoi/luu', new URLSearchParams({
    ten: bankName, 'dinh-dang': 'Gift', 'noi-dung': benchBank(Math.ceil(questions * 1.2)), __RequestVerificationToken: token(banks.text),
  }));
  expect(saved, 200, 'saving the question bank');

  const contestsPage = expect(await admin.get('setup', '/backoffice/cuoc-thi'), 200, 'contests page');
  const created = await admin.post('setup', '/backoffice/cuoc-thi/tao', new URLSearchParams({
    Title: 'Thi thử tải', Description: 'Cuộc thi của phép đo tải.', BankName: bankName, QuestionsPerRound: String(questions),
    TimeLimitMinutes: '60', FirstRoundOpens: vietnamLocal(new Date(Date.now() - 5 * 60_000)), RoundCount: '1', DaysPerRound: '1',
    RankingOrder: 'default', __RequestVerificationToken: token(contestsPage.text, '/backoffice/cuoc-thi/tao'),
  }));
  expect(created, 302, 'creating the contest');
  const contestPage = expect(await admin.get('setup', created.location), 200, 'contest page');
  const slug = /<a href="\/cuoc-thi\/([a-z0-9-]+)"/.exec(contestPage.text)?.[1];
  if (!slug) throw new Error('no public link on the contest page');
  return slug;
}

// --- class entry (BENCH_ENTRY=class): a teacher registers classes and prints their codes; children enter with them ----
// The teacher registers through the learning area's form, confirms the address from the e-mail the tool's mail server
// receives, signs in and registers classes of the largest size allowed until there is a code for every contestant.
async function setUpClasses(count) {
  const teacher = new Browser();
  const address = 'giao-vien-tai@example.vn';
  const form = expect(await teacher.get('setup', '/hoc-tap/dang-ky'), 200, 'learner registration page');
  const unit = /<select id="UnitId" name="UnitId">[\s\S]*?<option value="(\d+)"/.exec(form.text)?.[1];
  if (!unit) throw new Error('no unit on the registration form');
  const password = 'Giao-vien-tai-1';
  const registered = await teacher.post('setup', '/hoc-tap/dang-ky', new URLSearchParams({
    FullName: 'Giáo viên thử tải', Email: address, Password: password, Role: 'Teacher', UnitId: unit, __RequestVerificationToken: token(form.text),
  }));
  expect(registered, 200, 'learner registration');
  const link = /\/hoc-tap\/xac-nhan\?[^\s"<]+/.exec(await mailFor(address, 60_000))?.[0];
  if (!link) throw new Error('no confirmation link in the registration e-mail');
  expect(await teacher.get('setup', link.replace(/&amp;/g, '&')), 200, 'address confirmation');
  const signIn = await teacher.get('setup', '/hoc-tap/dang-nhap');
  expect(await teacher.post('setup', '/hoc-tap/dang-nhap', new URLSearchParams({ Email: address, Password: password, __RequestVerificationToken: token(signIn.text) })), 302, 'teacher sign-in');

  const codes = [];
  for (let number = 1; codes.length < count; number++) {
    const page = expect(await teacher.get('setup', '/hoc-tap/lop-du-thi'), 200, 'classes page');
    const round = /<option value="(\d+)"[^>]*>Thi thử tải, /.exec(page.text)?.[1];
    if (!round) throw new Error('the contest round is not offered on the classes page');
    const sheet = await teacher.post('setup', '/hoc-tap/lop-du-thi', new URLSearchParams({
      Round: round, Name: `Lớp ${number}`, Seats: String(Math.min(60, count - codes.length)), __RequestVerificationToken: token(page.text, '/hoc-tap/lop-du-thi'),
    }));
    expect(sheet, 200, 'class registration');
    codes.push(...[...sheet.text.matchAll(/class="class-code">([A-Z0-9-]{9})</g)].map((m) => m[1]));
  }

  return codes;
}

// --- a contestant -----------------------------------------------------------------------------------------------
// Every input of every question on the attempt page, and an answer for it as a person would give it.
const answersOf = (html) => {
  const fieldsets = [...html.matchAll(/<fieldset class="question" data-question="(\d+)" data-revision="(\d+)"[^>]*>([\s\S]*?)<\/fieldset>/g)];
  return fieldsets.map(([, id, revision, inner]) => {
    const fields = [];
    const choices = [...inner.matchAll(/<input type="(?:radio|checkbox)" name="([^"]+)" value="([^"]*)"/g)];
    if (choices.length > 0) fields.push([choices[0][1], pick(choices)[2]]);
    for (const [, name, options] of inner.matchAll(/<select name="([^"]+)">([\s\S]*?)<\/select>/g)) {
      fields.push([name, pick([...options.matchAll(/<option value="(\d+)"/g)])[1]]);
    }

    const typed = /<input id="(cau-\d+)" name="\1"[^>]*inputmode="(decimal|text)"/.exec(inner);
    if (typed) fields.push([typed[1], typed[2] === 'decimal' ? '111' : 'quyền trẻ em']);
    return { id, revision: Number(revision), fields };
  });
};

let started = 0;
let verified = 0;
let submitted = 0;

// An entrant by e-mail (the round page, the entry form, the code from the e-mail), or with a class code when one is given.
async function enter(browser, number, roundPath, classCode, step) {
  if (classCode) {
    const page = expect(await browser.get('class entry page', '/cuoc-thi/vao-thi'), 200, 'class entry page');
    const entered = await browser.post('class entry form', '/cuoc-thi/vao-thi', new URLSearchParams({
      Code: classCode, FirstName: `Em ${number}`, ClassName: `${6 + (number % 4)}A`, __RequestVerificationToken: token(page.text, '/cuoc-thi/vao-thi'),
    }));
    return expect(entered, 302, 'class entry form').location;
  }

  const address = `thi-sinh-${number}@example.vn`;
  const round = expect(await browser.get('round page', roundPath), 200, 'round page');
  const entered = await browser.post('entry form', roundPath, new URLSearchParams({
    FullName: `Thí sinh ${number}`, BirthDateOrClass: `Lớp ${6 + (number % 4)}A`, School: `Trường THCS số ${1 + (number % 40)}`, Email: address,
    __RequestVerificationToken: token(round.text, roundPath),
  }));
  expect(entered, 302, 'entry form');

  step.at = 'code';
  const codeSent = performance.now();
  const [codePage, code] = await Promise.all([browser.get('code page', entered.location), codeFor(address, 180_000)]);
  record('code e-mailed', performance.now() - codeSent);
  const confirmed = await browser.post('code', entered.location, new URLSearchParams({ ma: code, __RequestVerificationToken: token(codePage.text) }));
  return expect(confirmed, 302, 'code').location;
}

async function contestant(number, roundPath, think = thinkTime, classCode = undefined) {
  const step = { at: 'entry' };
  try {
    const browser = new Browser();
    started++;
    const attemptPath = await enter(browser, number, roundPath, classCode, step);
    verified++;

    step.at = 'attempt';
    const attempt = expect(await browser.get('attempt page', attemptPath), 200, 'attempt page');
    const formToken = token(attempt.text);
    const shown = answersOf(attempt.text);
    if (shown.length !== questions) throw new Error(`${shown.length} questions on the attempt page, not ${questions}`);

    step.at = 'save';
    for (const question of shown) {
      await sleep(think());
      // As attempt.js sends it: the question's inputs, the revision and the token, as multipart form data.
      const body = new FormData();
      for (const [name, value] of question.fields) body.append(name, value);
      body.append('phien-ban', String(question.revision + 1));
      body.append('__RequestVerificationToken', formToken);
      let saved;
      try {
        saved = await browser.send('answer save', 'POST', `${attemptPath}/cau/${question.id}`, body);
      } catch (error) {
        fail('answer save', error.code ?? error.message);
        continue;
      }

      firstSaveStart = Math.min(firstSaveStart, saved.started - t0);
      const window = Math.floor((saved.started - t0) / 30_000);
      (saveWindows.get(window) ?? saveWindows.set(window, []).get(window)).push(saved.ms);
      rawSaves?.push([Math.round(saved.started - t0), Math.round(saved.ms * 10) / 10]);
      lastSaveEnd = Math.max(lastSaveEnd, saved.started + saved.ms - t0);
      if (saved.status === 200 && saved.text.includes('"saved":true')) {
        const second = Math.floor((saved.started + saved.ms - t0) / 1000);
        saveSeconds.set(second, (saveSeconds.get(second) ?? 0) + 1);
      } else {
        fail('answer save', `HTTP ${saved.status}`);
      }
    }

    step.at = 'submit';
    await sleep(think());
    const form = new URLSearchParams(shown.flatMap((q) => q.fields));
    form.append('du-doan', String(Math.floor(random() * contestants)));
    form.append('__RequestVerificationToken', formToken);
    const sent = await browser.post('submit', `${attemptPath}/nop`, form);
    expect(sent, 302, 'submit');
    const thanks = expect(await browser.get('thank-you page', sent.location), 200, 'thank-you page');
    if (!thanks.text.includes('role="status"')) throw new Error('the page after submitting is not the thank-you page');
    submitted++;
  } catch (error) {
    fail(step.at, error.message.slice(0, 200));
  }
}

// --- run ----------------------------------------------------------------------------------------------------------
await new Promise((resolve, reject) => smtp.listen(smtpPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
let result;
try {
  const slug = await setUpContest();
  const roundPath = `/cuoc-thi/${slug}/vong/1`;
  const classCodes = byClass ? await setUpClasses(contestants + warmup) : [];
  log(`contest /cuoc-thi/${slug} created; ${contestants} contestants start over ${rampMs / 1000} s, ${questions} answers each, think ${thinkMin}-${thinkMax} ms`
    + (byClass ? `, entering with the codes of ${Math.ceil(classCodes.length / 60)} classes` : ', entering by e-mail'));
  if (warmup > 0) {
    log(`warming up: ${warmup} contestants over 5 s, think 200-600 ms, not measured`);
    const warming = [];
    for (let i = 0; i < warmup; i++) {
      warming.push(contestant(contestants + i + 1, roundPath, () => thinkTime(200, 600), classCodes[contestants + i]));
      await sleep(5000 / warmup);
    }

    await Promise.all(warming);
    for (const figures of [timings, saveSeconds, saveWindows]) figures.clear();
    rawSaves?.splice(0);
    firstSaveStart = Infinity;
    lastSaveEnd = 0;
    started = verified = submitted = 0;
  }

  const loadStart = performance.now();
  loopDelay.enable();
  const progress = setInterval(() => log(`${Math.round((performance.now() - loadStart) / 1000)} s: ${started} started, ${verified} verified, ${submitted} submitted, ${timings.get('answer save')?.length ?? 0} answers sent`), 15_000);
  const runs = [];
  for (let i = 0; i < contestants; i++) {
    const due = loadStart + (i * rampMs) / contestants;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    runs.push(contestant(i + 1, roundPath, thinkTime, classCodes[i]));
  }

  const lastStartS = (performance.now() - loadStart) / 1000;
  await Promise.all(runs);
  clearInterval(progress);
  loopDelay.disable();
  const okSaves = [...saveSeconds.values()].reduce((a, b) => a + b, 0);
  const windowS = Math.max(0.001, (lastSaveEnd - firstSaveStart) / 1000);
  result = {
    slug,
    entry: byClass ? 'class' : 'email',
    contestants,
    questions,
    thinkMs: [thinkMin, thinkMax],
    rampSeconds: rampMs / 1000,
    lastStartSeconds: Math.round(lastStartS * 10) / 10,
    durationSeconds: Math.round((performance.now() - loadStart) / 100) / 10,
    started,
    verified,
    submitted,
    answersSaved: okSaves,
    answersPerSecond: Math.round(okSaves / windowS),
    peakAnswersPerSecond: Math.max(0, ...saveSeconds.values()),
    steps: Object.fromEntries([...timings].filter(([step]) => step !== 'setup').map(([step, values]) => [step, summary(values)])),
    saveWindows: [...saveWindows].sort(([a], [b]) => a - b).map(([window, values]) => ({ fromSecond: window * 30, ...summary(values) })),
    loadToolDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    errors: Object.fromEntries(errors),
    warmup,
    t0EpochMs: Math.round(Date.now() - (performance.now() - t0)),
    loadStartEpochMs: Math.round(Date.now() - (performance.now() - loadStart)),
    ...(rawSaves ? { saves: rawSaves } : {}),
  };
} finally {
  smtp.close();
  await dispatcher.close();
}

console.log(JSON.stringify(result));
