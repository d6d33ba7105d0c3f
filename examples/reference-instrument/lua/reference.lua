-- Referentie-instrument, Lua half: the same instrument as ../cpp/reference.cpp,
-- rule for rule and text for text; the host's parity test demands
-- byte-identical answers from both for every project. README.md explains the
-- method for providers; the comments here say why each step is as it is.
-- Everything comes from the host's `wkb` module (docs/sdk/lua.md): seeds,
-- the generator, the taxonomy, dates, stable ids and the decision helper are
-- the same C++ code a native instrument uses.

-- Declared in describe() and honoured in plan(): the host and the admission
-- check that a plan keeps to its own thresholds.
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
    if contains(c.topics, topic) then return true end
  end
  return false
end

local function document_missing(project, kind)
  for _, d in ipairs(project.documents) do
    if d.kind == kind and d.status == "missing" then return true end
  end
  return false
end

-- The execution phase in which a topic's work can be seen on site.
local function execution_phase(topic, group)
  if topic == "structural-safety" then return "foundation" end  -- piles and reinforcement before pouring
  if group == "safety" then return "structure" end
  if group == "health" then return "installations" end
  if group == "usability" then return "finishing" end
  return "envelope"  -- energy and environment: insulation and airtightness before closing up
end

local function describe()
  return {
    contract = "1.0",
    id = "nl.voorbeeld.referentie",  -- equals "id" in plugin.json
    name = "Referentie-instrument",
    version = "1.0.0",
    provider = {kvk = "11223344", name = "Stichting Voorbeeld Kwaliteitsborging"},
    building_types = {"dwelling", "industrial"},
    thresholds = {control = CONTROL_THRESHOLD, site_inspection = SITE_INSPECTION_THRESHOLD},
    sampling = {min_fraction = 0.25, min_units = 1, min_inspections_per_reference_unit = 2,
      description = "Een kwart van de bouwnummers, minstens één, is referentiewoning; getrokken met de seed die uit "
        .. "het projectnummer volgt, zodat iedereen de trekking kan herhalen. Elke referentiewoning krijgt minstens "
        .. "twee bijwoonmomenten."},
    competence = {
      {role = "risk-assessment-and-plan", education = "hbo", min_years_experience = 3,
       experience_criteria = "Drie jaar als leidinggevende bij borging of toetsing van grondgebonden woningen aan "
         .. "het Bbl, aangetoond met een projectlijst."},
      {role = "structural-safety", education = "hbo", min_years_experience = 3,
       experience_criteria = "Drie jaar controle van constructieberekeningen, -tekeningen en constructieve "
         .. "bouwmaterialen."},
      {role = "fire-safety", education = "hbo", min_years_experience = 5,
       experience_criteria = "Vijf jaar toetsing van bouwplannen aan de regels voor brandveiligheid."},
      {role = "building-physics", education = "mbo-4", min_years_experience = 3,
       experience_criteria = "Drie jaar toetsing van bouwplannen aan de regels voor gezondheid, energiezuinigheid "
         .. "en milieu."},
      {role = "installations", education = "mbo-4", min_years_experience = 3,
       experience_criteria = "Drie jaar controle van installaties voor ventilatie, drinkwater en energie in "
         .. "woningen."},
      {role = "site-inspection", education = "mbo-4", min_years_experience = 3,
       experience_criteria = "Drie jaar toezicht op de bouwplaats, waarvan één jaar onder begeleiding van een "
         .. "ervaren kwaliteitsborger."},
    },
    -- Admission checks that certificates, EKV and the contractor's own
    -- checks are addressed, and that the assurer still judges them.
    evidence_policy = "Erkende kwaliteitsverklaringen (EKV), certificaten en eigen controles van de aannemer worden "
      .. "gebruikt; de kwaliteitsborger controleert of een certificaat geldig is en op dit werk van toepassing, en "
      .. "beoordeelt het bewijs van de aannemer altijd zelf.",
    supervision = {audit_interval_months = 12,
      description = "Jaarlijkse audit per kwaliteitsborger op dossier en bouwplaats; bij tekortkomingen een "
        .. "heraudit binnen drie maanden."},
  }
end

-- Every topic is scored (or declared not applicable, with a reason): the
-- host refuses an assessment that skips one.
local function assess(req)
  wkb.check_request("assess", req)
  local p = req.project
  local risks, not_applicable = {}, {}
  for _, t in ipairs(wkb.taxonomy()) do
    if p.building.type == "industrial" and (t.id == "outdoor-space" or t.id == "storage") then
      not_applicable[#not_applicable + 1] = {topic = t.id,
        reason = "Geen woonfunctie: " .. t.label_nl .. " is niet van toepassing."}
    else
      -- A base score per group of topics, then what this project changes.
      local l, i, rec, phase = 2, 3, 2, "execution"
      if t.group == "safety" then i, rec = 4, 3
      elseif t.group == "usability" then i, phase = 2, "design"
      elseif t.group == "energy-environment" then l, phase = 3, "design" end
      local notes = {}
      if t.id == "structural-safety" then
        i, rec = 5, 5  -- a foundation cannot be put right once the house stands on it
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
      risks[#risks + 1] = wkb.risk{  -- wkb.risk adds the score the host checks
        id = wkb.risk_id(t.id),  -- "R-<topic>": the same risk keeps its id in every plan version
        topic = t.id, bbl_ref = t.bbl_ref, phase = phase,
        likelihood = l, impact = i, recoverability = rec,
        description = "Tekortkoming op " .. t.label_nl,
        rationale = t.group_nl .. "; aanpassingen: " .. (#notes == 0 and "geen" or table.concat(notes, ", ")),
      }
    end
  end
  return {schema = "wkb.assessment/1", project = p.id, risks = risks, not_applicable = not_applicable}
end

-- The seed must be wkb.derive_seed(project id): a sample that depends on a
-- clock or a global generator cannot be checked afterwards.
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
  -- Execution controls happen in the phase where the work can be seen.
  local function add(c, t)
    if c.method ~= "document-review" then
      c.phase = execution_phase(c.topic, t.group)
      if not wkb.schedule.phase(p, c.phase) then c.phase = p.schedule[#p.schedule].phase end
    end
    -- Named by what it is for, never by a running number: a risk override
    -- that adds a control elsewhere keeps this id and its findings.
    c.id = wkb.control_id(c.risk, c.method, c.phase)
    controls[#controls + 1] = c
  end
  for _, r in ipairs(a.risks) do
    -- A certificate lowers the likelihood, so its risk is always checked by
    -- a certificate-check control, whatever the score (the host's rule
    -- certificate-check, docs/sdk/certificates.md).
    local certified = has_certificate(p, r.topic)
    if r.score >= CONTROL_THRESHOLD or certified then
      local t = wkb.topic(r.topic)
      -- bbl_ref is copied from the risk, so the plan stands alone.
      local function base()
        return {risk = r.id, topic = r.topic, bbl_ref = r.bbl_ref, phase = "design", units = {},
                performed_by = "assurer"}
      end
      local check = base()
      check.method, check.evidence = "certificate-check", "Geldig certificaat voor " .. t.label_nl
      if r.score < CONTROL_THRESHOLD then
        add(check, t)
      else
        local c = base()
        if r.score >= SITE_INSPECTION_THRESHOLD and r.phase == "execution" then
          c.method, c.units, c.evidence = "site-inspection", s.reference_units, "Waarneming op de bouwplaats met foto's"
        elseif certified then
          c = check
        elseif r.phase == "design" then
          c.method, c.evidence = "document-review", "Beoordeling van tekeningen en berekeningen"
        else
          -- The contractor shows, the assurer judges: performed_by says who
          -- supplies the evidence, never who decides.
          c.method, c.units, c.performed_by = "contractor-evidence", p.unit_ids, "contractor"
          c.evidence = "Opleverdossier van de aannemer, beoordeeld door de kwaliteitsborger"
        end
        add(c, t)
        if certified and c.method ~= "certificate-check" then add(check, t) end
      end
    end
  end
  -- One bijwoonmoment per phase with site inspections, in the middle of the phase.
  local visited = {}
  for _, ph in ipairs(p.schedule) do
    local ids = {}
    for _, c in ipairs(controls) do
      if c.method == "site-inspection" and c.phase == ph.phase then ids[#ids + 1] = c.id end
    end
    if #ids > 0 then
      inspections[#inspections + 1] = {phase = ph.phase, date = wkb.schedule.date_at(ph, 1, 2),
                                       units = s.reference_units, controls = ids}
      visited[ph.phase] = true
    end
  end
  -- At least two bijwoonmomenten per reference unit (the declared minimum):
  -- more from the end of the schedule, in phases without one.
  for i = #p.schedule, 1, -1 do
    if #inspections >= 2 then break end
    local ph = p.schedule[i]
    if not visited[ph.phase] then
      inspections[#inspections + 1] = {phase = ph.phase, date = wkb.schedule.date_at(ph, 2, 3),
                                       units = s.reference_units, controls = wkb.array{}}
      visited[ph.phase] = true
    end
  end
  wkb.name_inspections(inspections)  -- "foundation/1", ...: by phase, not by position
  return {schema = "wkb.plan/1", project = p.id, controls = controls, inspections = inspections}
end

local function plural(n, one, many) return n .. " " .. (n == 1 and one or many) end

-- wkb.decide applies the decision table the host enforces; the hooks say it
-- in this instrument's words.
local HOOKS = {
  -- An unrepairable part ends in a melding strijdigheid: say what that means;
  -- the other grounds keep the SDK's text.
  explain = function(control, unit, latest)
    local text = wkb.default_explanation(control, unit, latest)
    if latest.result == "unrepairable" then
      text = text .. " De gereedmelding gaat daarom vergezeld van een melding strijdigheid aan het bevoegd gezag."
    end
    return text
  end,
  -- With a notice, the repaired parts are named too: the bevoegd gezag sees
  -- what was put right and what was not.
  also_ground = function(outcome, part)
    return outcome == "non-compliance-notice" and part.latest.result == "repaired"
  end,
  -- A measure per risk, described by how closely it was followed.
  measure = function(_, controls)
    local c = controls[1]
    local topic = wkb.topic(c.topic).label_nl
    if c.method == "site-inspection" then
      return topic .. ": hoog risico, op de bouwplaats waargenomen bij "
        .. plural(#c.units, "referentiewoning", "referentiewoningen") .. "; alle bevindingen in orde."
    end
    if #c.units > 0 then
      return topic .. ": per woning beoordeeld (" .. plural(#c.units, "woning", "woningen")
        .. "); alle bevindingen in orde."
    end
    return topic .. ": op projectniveau beoordeeld; de bevinding is in orde."
  end,
}

local function evaluate(req)
  wkb.check_request("evaluate", req)
  return wkb.decide(req, HOOKS)
end

return {describe = describe, assess = assess, sample = sample, plan = plan, evaluate = evaluate}
