-- The `wkb` module for Lua instruments (docs/sdk/lua.md#the-wkb-module).
--
-- The host embeds this file at build time and runs it once per plugin state,
-- in a sandbox environment of its own, before the plugin's script. It
-- receives the host's C++ core (`core`): seeds, the generator, date
-- conversion, sample sizes and the taxonomy come from the same C++ code
-- native plugins use, so a Lua and a native instrument agree bit for bit.
-- The module is read-only for plugins.
local core = ...

local error, type, ipairs, pairs, tostring = error, type, ipairs, pairs, tostring
local math_type = math.type
local floor = math.floor
local sort = table.sort

local wkb = {}

wkb.sdk = 1

-- ---- JSON marshalling --------------------------------------------------------

-- JSON null (a unique value; `x == wkb.null`).
wkb.null = core.null
-- Mark a table so it becomes a JSON array / object even when empty.
wkb.array = core.array
wkb.object = core.object
-- "array", "object" or nil (an unmarked table).
wkb.kind = core.kind

-- ---- Errors ------------------------------------------------------------------

-- Fails the call with a contract error: code, message and JSON path, as a
-- native plugin's PluginError. level 2: the error points at the caller.
function wkb.error(code, message, path)
  error({code = tostring(code), message = tostring(message), path = path or "$"}, 2)
end

-- ---- Taxonomy and phases -----------------------------------------------------

-- The 27 Bbl topics: a fresh array of {id, group, group_nl, label_nl, bbl_ref}.
function wkb.taxonomy()
  return core.topics()
end

-- One topic by id, or nil.
function wkb.topic(id)
  for _, t in ipairs(core.topics()) do
    if t.id == id then return t end
  end
  return nil
end

local PHASES = {"design", "foundation", "structure", "envelope", "installations", "finishing", "completion"}

-- The phases of contract v1, in schedule order (a fresh array).
function wkb.phases()
  local out = {}
  for i, p in ipairs(PHASES) do out[i] = p end
  return core.array(out)
end

-- ---- Scores and sampling -----------------------------------------------------

local function factor(name, v)
  if math_type(v) ~= "integer" or v < 1 or v > 5 then
    error(name .. " moet een geheel getal van 1 tot en met 5 zijn, maar is " .. tostring(v), 3)
  end
  return v
end

-- likelihood x impact x recoverability, each an integer 1..5.
function wkb.score(likelihood, impact, recoverability)
  return factor("likelihood", likelihood) * factor("impact", impact) * factor("recoverability", recoverability)
end

-- Completes a risk table with its score and returns it.
function wkb.risk(r)
  r.score = wkb.score(r.likelihood, r.impact, r.recoverability)
  return r
end

-- max(min_units, ceil(min_fraction * units)), at most `units` (the host's rule).
function wkb.required_sample_size(policy, units)
  return core.required_sample_size(policy.min_fraction, policy.min_units, units)
end

-- ---- Seeds and the deterministic generator -----------------------------------

-- FNV-1a 64 of the project id as a decimal string: the seed the host expects.
wkb.derive_seed = core.derive_seed

-- A splitmix64 generator (the SDK's DeterministicRng): rng:next(), rng:below(n).
-- `seed`: a decimal string from wkb.derive_seed, or an integer.
wkb.rng = core.rng

function wkb.rng_for_project(project)
  return core.rng(core.derive_seed(project.id))
end

-- k distinct elements of `list`, chosen with `rng` by a partial Fisher-Yates
-- shuffle (for i = 1..k: swap i with i + rng:below(n - i + 1)), returned in
-- their original order. Documented so that native plugins can match it.
function wkb.choose(rng, list, k)
  local n = #list
  if math_type(k) ~= "integer" or k < 0 then error("k moet een geheel getal van 0 of meer zijn", 2) end
  if k > n then k = n end
  local idx = {}
  for i = 1, n do idx[i] = i end
  for i = 1, k do
    local j = i + rng:below(n - i + 1)
    idx[i], idx[j] = idx[j], idx[i]
  end
  local chosen = {}
  for i = 1, k do chosen[i] = idx[i] end
  sort(chosen)
  local out = {}
  for i, at in ipairs(chosen) do out[i] = list[at] end
  return core.array(out)
end

-- ---- Dates (ISO "YYYY-MM-DD"; day numbers count from 1970-01-01) -------------

local date = {}

function date.valid(s)
  return type(s) == "string" and core.date_days(s) ~= nil
end

function date.days(s)
  local d = type(s) == "string" and core.date_days(s) or nil
  if not d then error("geen datum (JJJJ-MM-DD): " .. tostring(s), 2) end
  return d
end

date.format = core.date_format

function date.add(s, n)
  return core.date_format(date.days(s) + n)
end

-- Days from a to b (b - a).
function date.diff(a, b)
  return date.days(b) - date.days(a)
end

-- ISO weekday: 1 = Monday .. 7 = Sunday. (1970-01-01 was a Thursday.)
function date.weekday(s)
  return (date.days(s) + 3) % 7 + 1
end

-- The first Monday-Friday on or after s.
function date.workday(s)
  local d = date.days(s)
  local wd = (d + 3) % 7 + 1
  if wd == 6 then d = d + 2 elseif wd == 7 then d = d + 1 end
  return core.date_format(d)
end

wkb.date = core.freeze(date, "wkb.date")

-- ---- Schedules ---------------------------------------------------------------

local schedule = {}

-- The project's schedule entry for a phase, or nil.
function schedule.phase(project, name)
  for _, p in ipairs(project.schedule or {}) do
    if p.phase == name then return p end
  end
  return nil
end

-- The date k/n of the way through a schedule entry (integer arithmetic:
-- start + floor(span * k / n)), always inside [start, end].
function schedule.date_at(entry, k, n)
  local s, e = date.days(entry.start), date.days(entry["end"])
  if math_type(k) ~= "integer" or math_type(n) ~= "integer" or n < 1 or k < 0 or k > n then
    error("date_at vraagt gehele getallen met 0 <= k <= n en n >= 1", 2)
  end
  return core.date_format(s + (e - s) * k // n)
end

-- Like date_at, moved to a workday when one exists inside the phase.
function schedule.workday_at(entry, k, n)
  local d = schedule.date_at(entry, k, n)
  local w = date.workday(d)
  if date.days(w) <= date.days(entry["end"]) then return w end
  return d
end

wkb.schedule = core.freeze(schedule, "wkb.schedule")

-- ---- The decision table ----------------------------------------------------------
-- The same rules as the C++ SDK's wkb/sdk/decision_table.hpp, which the host
-- enforces: use these rather than writing them again.

-- One entry per (control, unit) pair the plan requires, in plan order:
-- {control = <control table>, unit = <unit id or nil>, latest = <finding or nil>}.
-- The latest finding counts; on the same date, the later one in the file.
-- Findings for pairs the plan does not require are ignored.
function wkb.finding_status(plan, findings)
  local status, index = {}, {}
  for _, c in ipairs(plan.controls) do
    if #c.units == 0 then
      status[#status + 1] = {control = c}
      index[c.id .. "\0"] = #status
    end
    for _, u in ipairs(c.units) do
      status[#status + 1] = {control = c, unit = u}
      index[c.id .. "\0" .. u] = #status
    end
  end
  for _, x in ipairs(findings.findings) do
    local at = index[x.control .. "\0" .. (x.unit or "")]
    if at then
      local st = status[at]
      if not st.latest or not (x.date < st.latest.date) then st.latest = x end
    end
  end
  return status
end

-- The outcome the table demands: the first row that applies.
function wkb.required_outcome(status)
  local unrepairable, missing, open = false, false, false
  for _, st in ipairs(status) do
    local r = st.latest and st.latest.result
    if not r then missing = true
    elseif r == "unrepairable" then unrepairable = true
    elseif r == "open" or r == "evidence-missing" then open = true end
  end
  return unrepairable and "non-compliance-notice" or missing and "incomplete"
         or open and "open-items" or "declaration"
end

-- Whether a decision with `outcome` must name a part with latest `result`
-- in its grounds (every unrepairable part of a notice, every open or
-- evidence-missing part of open items).
function wkb.ground_required(outcome, result)
  return (outcome == "non-compliance-notice" and result == "unrepairable")
      or (outcome == "open-items" and (result == "open" or result == "evidence-missing"))
end

-- ---- One decision helper (docs/sdk/decide.md) -----------------------------------
-- wkb.decide(req, hooks) builds the whole wkb.decision/1 for an evaluate
-- request, exactly as the C++ SDK's wkb::sdk::decide (the parity test
-- compares both byte for byte; keep the texts in step with sdk/src/decide.cpp):
-- the latest finding per part, the outcome from the decision table, a ground
-- for every part the outcome rests on, and with a declaration one measure per
-- risk. `hooks` (all optional) say what the instrument wants to say:
--   explain(control, unit, latest) -> text       the explanation of a ground
--   measure(risk_id, controls)     -> text       the description of a measure
--   also_ground(outcome, part)     -> boolean    name a part the table does not require

local function topic_label(id)
  local t = wkb.topic(id)
  return t and t.label_nl or id
end

function wkb.default_explanation(control, unit, latest)
  local what = topic_label(control.topic) .. (unit and " (eenheid " .. unit .. ")" or "")
  local r, text = latest.result, nil
  if r == "unrepairable" then
    text = what .. " voldoet niet aan " .. control.bbl_ref .. " en is niet meer te herstellen."
  elseif r == "open" then
    text = what .. " is nog niet in orde; na herstel volgt een nieuwe bevinding."
  elseif r == "evidence-missing" then
    text = what .. ": het bewijs ontbreekt (" .. control.evidence .. ")."
  elseif r == "repaired" then
    text = what .. " is hersteld."
  else
    text = what .. " is in orde."
  end
  local note = latest.note or ""
  return text .. " Vastgesteld door " .. latest.assessed_by .. (note == "" and "." or ": " .. note)
end

function wkb.default_measure(_, controls)
  local n = #controls
  return (n > 0 and topic_label(controls[1].topic) or "Risico") .. ": beheerst met " .. n
    .. (n == 1 and " beheersmaatregel" or " beheersmaatregelen") .. "; alle bevindingen conform of hersteld."
end

local function hook_text(text, name, path)
  if type(text) ~= "string" or text == "" then
    error({code = "decide-hook", message = "de hook " .. name .. " van decide gaf een lege tekst", path = path}, 0)
  end
  return text
end

function wkb.decide(req, hooks)
  hooks = hooks or {}
  local plan = req.plan
  local status = wkb.finding_status(plan, req.findings)
  local outcome = wkb.required_outcome(status)
  local grounds, measures = {}, {}
  for _, part in ipairs(status) do
    local latest = part.latest
    if latest and (wkb.ground_required(outcome, latest.result)
                   or (hooks.also_ground and hooks.also_ground(outcome, part))) then
      local c = part.control
      local path = "$.grounds[" .. #grounds .. "].explanation"
      grounds[#grounds + 1] = {control = c.id, unit = part.unit, topic = c.topic, bbl_ref = c.bbl_ref,
        result = latest.result,
        explanation = hooks.explain and hook_text(hooks.explain(c, part.unit, latest), "explain", path)
          or wkb.default_explanation(c, part.unit, latest)}
    end
  end
  if outcome == "declaration" then
    local by_risk = {}
    for _, c in ipairs(plan.controls) do
      local m = by_risk[c.risk]
      if not m then
        m = {risk = c.risk, list = {}}
        by_risk[c.risk] = m
        measures[#measures + 1] = m
      end
      m.list[#m.list + 1] = c
    end
    for i, m in ipairs(measures) do
      local ids = {}
      for k, c in ipairs(m.list) do ids[k] = c.id end
      local path = "$.measures[" .. (i - 1) .. "].description"
      measures[i] = {risk = m.risk, controls = core.array(ids),
        description = hooks.measure and hook_text(hooks.measure(m.risk, m.list), "measure", path)
          or wkb.default_measure(m.risk, m.list)}
    end
  end
  return {schema = "wkb.decision/1", project = req.project.id, outcome = outcome,
          grounds = core.array(grounds), measures = core.array(measures)}
end

-- ---- Stable ids (docs/sdk/decide.md#stable-ids) --------------------------------
-- The same ids as the C++ SDK's wkb::risk_id, control_id, inspection_id and
-- name_inspections: they say what a thing is for, never its position, so a
-- replan that adds one control leaves every other id as it was.

local function id_word(name, v)
  if type(v) ~= "string" or v == "" then error(name .. " moet een niet-lege tekst zijn", 3) end
  return v
end

-- "R-<topic>", or "R-<topic>/<aspect>" for one of several risks on a topic.
function wkb.risk_id(topic, aspect)
  local id = "R-" .. id_word("topic", topic)
  if aspect ~= nil and aspect ~= "" then id = id .. "/" .. id_word("aspect", aspect) end
  return id
end

-- "<risk>/<method>/<phase>[/<aspect>]", e.g. "R-structural-safety/site-inspection/foundation".
function wkb.control_id(risk, method, phase, aspect)
  local id = id_word("risk", risk) .. "/" .. id_word("method", method) .. "/" .. id_word("phase", phase)
  if aspect ~= nil and aspect ~= "" then id = id .. "/" .. id_word("aspect", aspect) end
  return id
end

-- "<phase>/<n>": the n-th bijwoonmoment (from 1) in that phase.
function wkb.inspection_id(phase, n)
  if math_type(n) ~= "integer" or n < 1 then error("n moet een geheel getal van 1 of meer zijn", 2) end
  return id_word("phase", phase) .. "/" .. n
end

local PHASE_RANK = {}
for i, p in ipairs(PHASES) do PHASE_RANK[p] = i end

-- Sets inspection.id on every entry: numbered per phase by date (on the same
-- date in list order); the list keeps its order. Returns the list.
function wkb.name_inspections(inspections)
  local order = {}
  for i = 1, #inspections do order[i] = i end
  sort(order, function(a, b)
    local x, y = inspections[a], inspections[b]
    local px, py = PHASE_RANK[x.phase] or 0, PHASE_RANK[y.phase] or 0
    if px ~= py then return px < py end
    if x.date ~= y.date then return x.date < y.date end
    return a < b
  end)
  local n = 0
  for k, at in ipairs(order) do
    local cur = inspections[at]
    n = (k > 1 and inspections[order[k - 1]].phase == cur.phase) and n + 1 or 1
    cur.id = wkb.inspection_id(cur.phase, n)
  end
  return inspections
end

-- ---- Small helpers -----------------------------------------------------------

-- Shallow copy of an array, marked as an array.
function wkb.copy_array(list)
  local out = {}
  for i, v in ipairs(list) do out[i] = v end
  return core.array(out)
end

-- The keys of a table in sorted order (for deterministic iteration: pairs()
-- order is not defined in Lua).
function wkb.sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  sort(keys)
  return keys
end

return core.freeze(wkb, "wkb")
