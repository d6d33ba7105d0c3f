-- The parity reference instrument, Lua half. reference.cpp is the same
-- instrument in C++; the parity test demands byte-identical canonical
-- responses from both. Keep the two in step: same rules, same order, same texts.
local CONTROL_THRESHOLD = 12
local SITE_INSPECTION_THRESHOLD = 36

local function contains(list, value)
  for _, v in ipairs(list or {}) do
    if v == value then return true end
  end
  return false
end

local function has_certificate(project, topic)
  for _, c in ipairs(project.certificates) do
    if c.topic == topic then return true end
  end
  return false
end

local function document_missing(project, kind)
  for _, d in ipairs(project.documents) do
    if d.kind == kind and d.status == "missing" then return true end
  end
  return false
end

local function execution_phase(topic, group)
  if topic == "structural-safety" then return "foundation" end
  if group == "safety" then return "structure" end
  if group == "health" then return "installations" end
  if group == "usability" then return "finishing" end
  return "envelope"
end

local function describe()
  return {
    contract = "1.0",
    id = "nl.wkbhost.test.reference",
    name = "Referentie-instrument (pariteitstest)",
    version = "1.0.0",
    provider = {kvk = "12345678", name = "Stichting Referentie"},
    building_types = {"dwelling", "industrial"},
    thresholds = {control = CONTROL_THRESHOLD, site_inspection = SITE_INSPECTION_THRESHOLD},
    sampling = {min_fraction = 0.25, min_units = 1, min_inspections_per_reference_unit = 2,
                description = "Een kwart van de bouwnummers, minstens één; gekozen met de seed van het project."},
    competence = {
      {role = "risk-assessment-and-plan", education = "hbo", min_years_experience = 3,
       experience_criteria = "Drie jaar borging of toetsing van grondgebonden woningen."},
      {role = "site-inspection", education = "mbo", min_years_experience = 3,
       experience_criteria = "Drie jaar toezicht op de bouwplaats, waarvan één jaar onder begeleiding."},
    },
    evidence_policy = "EKV's en eigen controles van de aannemer worden gebruikt; de kwaliteitsborger beoordeelt ze altijd.",
    supervision = {audit_interval_months = 12,
                   description = "Jaarlijkse audit per kwaliteitsborger; bij tekortkomingen een heraudit binnen drie maanden."},
  }
end

local function assess(req)
  wkb.check_request("assess", req)
  local p = req.project
  local risks, not_applicable = {}, {}
  for _, t in ipairs(wkb.taxonomy()) do
    if p.building.type == "industrial" and (t.id == "outdoor-space" or t.id == "storage") then
      not_applicable[#not_applicable + 1] = {topic = t.id, reason = "Geen woonfunctie: " .. t.label_nl .. " is niet van toepassing."}
    else
      local l, i, rec, phase = 2, 3, 2, "execution"
      if t.group == "safety" then i, rec = 4, 3
      elseif t.group == "usability" then i, phase = 2, "design"
      elseif t.group == "energy-environment" then l, phase = 3, "design" end
      local notes = {}
      if t.id == "structural-safety" then
        i, rec = 5, 5
        if contains(p.local_conditions, "soft-soil") then l = 4; notes[#notes + 1] = "slappe bodem" end
      end
      if t.id == "fire-spread" and contains(p.local_conditions, "fire-separation-under-5m") then
        l = 4; notes[#notes + 1] = "brandscheiding binnen 5 m"
      end
      if t.id == "energy-performance" and document_missing(p, "beng-calculation") then
        l = 5; notes[#notes + 1] = "BENG-berekening ontbreekt"
      end
      if p.building.construction == "timber-frame" and (t.id == "fire-spread" or t.id == "moisture") then
        l = math.min(5, l + 1); notes[#notes + 1] = "houtskeletbouw"
      end
      if p.building.storeys >= 3 and (t.id == "fall-protection" or t.id == "stairs" or t.id == "escape-routes") then
        i = math.min(5, i + 1); notes[#notes + 1] = p.building.storeys .. " bouwlagen"
      end
      if has_certificate(p, t.id) then
        l = math.max(1, l - 1); notes[#notes + 1] = "certificaat aanwezig"
      end
      risks[#risks + 1] = wkb.risk{
        id = "r-" .. t.id, topic = t.id, bbl_ref = t.bbl_ref, phase = phase,
        likelihood = l, impact = i, recoverability = rec,
        description = "Tekortkoming op " .. t.label_nl,
        rationale = t.group_nl .. "; aanpassingen: " .. (#notes == 0 and "geen" or table.concat(notes, ", ")),
      }
    end
  end
  return {schema = "wkb.assessment/1", project = p.id, risks = risks, not_applicable = not_applicable}
end

local function sample(req)
  wkb.check_request("sample", req)
  local p = req.project
  local seed = wkb.derive_seed(p.id)
  local n = #p.unit_ids
  local k = wkb.required_sample_size(describe().sampling, n)
  local units = wkb.choose(wkb.rng(seed), p.unit_ids, k)
  return {schema = "wkb.sample/1", project = p.id, reference_units = units, seed = seed,
          rationale = k .. " van " .. n .. " bouwnummers, gekozen met seed " .. seed}
end

local function plan(req)
  wkb.check_request("plan", req)
  local p, a, s = req.project, req.assessment, req.sample
  local execution = false
  for _, ph in ipairs(p.schedule) do
    if ph.phase ~= "design" then execution = true end
  end
  if not execution then
    wkb.error("no-execution-phase", "Het bouwschema bevat geen uitvoeringsfase; plan die eerst.", "$.project.schedule")
  end
  local controls, inspections = {}, {}
  for _, r in ipairs(a.risks) do
    if r.score >= CONTROL_THRESHOLD then
      local t = wkb.topic(r.topic)
      local c = {id = "c-" .. r.topic, risk = r.id, topic = r.topic, bbl_ref = r.bbl_ref, phase = "design",
                 units = {}, performed_by = "assurer"}
      if r.score >= SITE_INSPECTION_THRESHOLD and r.phase == "execution" then
        c.method, c.units, c.evidence = "site-inspection", s.reference_units, "Waarneming op de bouwplaats met foto's"
      elseif has_certificate(p, r.topic) then
        c.method, c.evidence = "certificate-check", "Geldig certificaat voor " .. t.label_nl
      elseif r.phase == "design" then
        c.method, c.evidence = "document-review", "Beoordeling van tekeningen en berekeningen"
      else
        c.method, c.units, c.performed_by = "contractor-evidence", p.unit_ids, "contractor"
        c.evidence = "Opleverdossier van de aannemer, beoordeeld door de kwaliteitsborger"
      end
      if c.method ~= "document-review" then
        c.phase = execution_phase(r.topic, t.group)
        if not wkb.schedule.phase(p, c.phase) then c.phase = p.schedule[#p.schedule].phase end
      end
      controls[#controls + 1] = c
    end
  end
  local used = {}
  for _, ph in ipairs(p.schedule) do
    local ids = {}
    for _, c in ipairs(controls) do
      if c.method == "site-inspection" and c.phase == ph.phase then ids[#ids + 1] = c.id end
    end
    if #ids > 0 then
      inspections[#inspections + 1] = {id = "i-" .. ph.phase, phase = ph.phase, date = wkb.schedule.date_at(ph, 1, 2),
                                       units = s.reference_units, controls = ids}
      used["i-" .. ph.phase] = true
    end
  end
  for i = #p.schedule, 1, -1 do
    if #inspections >= 2 then break end
    local ph = p.schedule[i]
    if not used["i-" .. ph.phase] then
      inspections[#inspections + 1] = {id = "i-" .. ph.phase, phase = ph.phase, date = wkb.schedule.date_at(ph, 2, 3),
                                       units = s.reference_units, controls = {}}
    end
  end
  return {schema = "wkb.plan/1", project = p.id, controls = controls, inspections = inspections}
end

-- The decision table: the latest finding per (control, unit), first row that applies.
local function evaluate(req)
  wkb.check_request("evaluate", req)
  local p, pl, f = req.project, req.plan, req.findings
  local status = wkb.finding_status(pl, f)
  local outcome = wkb.required_outcome(status)
  local grounds, measures = {}, {}
  for _, st in ipairs(status) do
    local r = st.latest and st.latest.result
    if wkb.ground_required(outcome, r) then
      grounds[#grounds + 1] = {control = st.control.id, unit = st.unit, topic = st.control.topic,
                               bbl_ref = st.control.bbl_ref, result = r, explanation = r .. ": " .. st.latest.note}
    end
  end
  if outcome == "declaration" then
    local by_risk = {}
    for _, c in ipairs(pl.controls) do
      local m = by_risk[c.risk]
      if not m then
        m = {risk = c.risk, controls = {}}
        by_risk[c.risk] = m
        measures[#measures + 1] = m
      end
      m.controls[#m.controls + 1] = c.id
    end
    for _, m in ipairs(measures) do m.description = "Beheerst door " .. #m.controls .. " controle(s)" end
  end
  return {schema = "wkb.decision/1", project = p.id, outcome = outcome, grounds = grounds, measures = measures}
end

return {describe = describe, assess = assess, sample = sample, plan = plan, evaluate = evaluate}
