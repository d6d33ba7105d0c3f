-- Voorbeeldinstrument Kavelbouw: a Lua example instrument for private
-- self-build plots (particuliere kavelbouw) and small series. It accepts
-- larger series too (the admission suite expects an instrument to cover the
-- projects of its building types), but samples them heavily: at least half of
-- the dwellings. Written against the host's `wkb` module (docs/sdk/lua.md).
--
-- Its method, in short:
--  - assess: a risk catalogue over all 27 Bbl topics. A private client
--    without professional guidance raises the likelihood of design risks;
--    local conditions, timber-frame or floating construction, missing
--    documents and recognised quality declarations (EKV) adjust the rest.
--  - sample: no sampling in small projects: up to 6 dwellings every dwelling
--    is a reference unit; above that half of them, drawn with the project seed.
--  - plan: document review first (every design risk at or above 8, and the
--    execution details of every execution risk at or above 16), then three
--    well-placed bijwoonmomenten per reference unit: the foundation before
--    pouring, the shell before it is closed, and completion, where
--    ventilation and airtightness are measured.
--  - evaluate: wkb.decide (the contract's decision table), with grounds in Dutch.

local CONTROL_THRESHOLD = 8
local SITE_INSPECTION_THRESHOLD = 36
local DETAIL_REVIEW_THRESHOLD = 16
local SMALL_SERIES = 30  -- above this, the sample rationale advises a series instrument
local SAMPLING = {min_fraction = 0.5, min_units = 6, min_inspections_per_reference_unit = 3}

-- ---- describe -----------------------------------------------------------------

local function describe()
  return {
    contract = "1.0",
    id = "nl.voorbeeld.kavelbouw",
    name = "Voorbeeldinstrument Kavelbouw",
    version = "1.0.0",
    provider = {kvk = "55667788", name = "Coöperatie Kavelborg U.A."},
    building_types = {"dwelling", "holiday-dwelling", "floating-dwelling"},
    thresholds = {control = CONTROL_THRESHOLD, site_inspection = SITE_INSPECTION_THRESHOLD},
    sampling = {
      min_fraction = SAMPLING.min_fraction, min_units = SAMPLING.min_units,
      min_inspections_per_reference_unit = SAMPLING.min_inspections_per_reference_unit,
      description = "Kavelbouw en kleine series kennen geen steekproef: tot en met zes woningen is elke woning "
        .. "referentiewoning. Bij grotere series is minstens de helft referentiewoning, "
        .. "getrokken met een zaad dat uit het projectnummer volgt. Elke referentiewoning krijgt drie "
        .. "bijwoonmomenten op de momenten waarop gebreken nog zichtbaar en herstelbaar zijn: de fundering vóór "
        .. "het storten, de casco en schil vóór het dichtmaken, en de oplevering met metingen.",
    },
    competence = {
      {role = "risk-assessment-and-plan", education = "hbo", min_years_experience = 3,
       experience_criteria = "Drie jaar ervaring als leidinggevende met het toetsen van bouwplannen aan het "
         .. "Bbl of met kwaliteitsborging, waarvan minstens één jaar bij particuliere opdrachtgevers; aangetoond met een "
         .. "lijst van minstens acht beoordeelde plannen."},
      {role = "structural-safety", education = "hbo", min_years_experience = 3,
       experience_criteria = "Drie jaar ervaring als constructeur of toetser van funderingen en "
         .. "houtskeletbouw; alleen zelfstandig opgestelde of getoetste berekeningen tellen."},
      {role = "fire-safety", education = "hbo", min_years_experience = 5,
       experience_criteria = "Vijf jaar ervaring met brandveiligheid van woningen, in het bijzonder "
         .. "brandoverslag tussen kavels en WBDBO; aangetoond met getoetste plannen of controles."},
      {role = "building-physics", education = "hbo", min_years_experience = 3,
       experience_criteria = "Drie jaar ervaring met BENG, TOjuli, luchtdichtheid en vochtwering; "
         .. "metingen (blowerdoor, ventilatie) alleen onder eigen verantwoordelijkheid uitgevoerd."},
      {role = "installations", education = "mbo-4", min_years_experience = 3,
       experience_criteria = "Drie jaar ervaring met het controleren van installaties voor ventilatie, "
         .. "drinkwater, riolering en energie in woningen, bij opleveringen of keuringen onder eigen naam."},
      {role = "site-inspection", education = "mbo-4", min_years_experience = 3,
       experience_criteria = "Drie jaar ervaring als uitvoerder of bouwinspecteur in de woningbouw, "
         .. "waarvan minstens zes maanden onder begeleiding van een ervaren kwaliteitsborger."},
    },
    evidence_policy = "Erkende kwaliteitsverklaringen (EKV) en productcertificaten verlagen de kans op een "
      .. "tekortkoming van het onderwerp dat zij dekken; de kwaliteitsborger controleert altijd of het "
      .. "certificaat geldig is en op dit bouwwerk van toepassing. Eigen controles van de aannemer zijn "
      .. "bewijs dat de kwaliteitsborger beoordeelt; zij vervangen nooit een bijwoonmoment.",
    supervision = {audit_interval_months = 12,
      description = "Jaarlijkse audit per kwaliteitsborger op minstens twee dossiers, plus een "
        .. "onaangekondigde meekijkdag per jaar. Bij ernstige tekortkomingen volgt binnen drie maanden een "
        .. "heraudit; bij herhaling wordt de licentie geschorst."},
  }
end

-- ---- assess ---------------------------------------------------------------------

-- Per topic: likelihood, impact, recoverability, phase, what can go wrong,
-- and the moment (1 foundation, 2 shell, 3 completion) at which it is seen.
local CATALOGUE = {
  ["structural-safety"] = {2, 5, 5, "execution", "Fundering of draagconstructie wijkt af van de constructieve berekening", 1},
  ["fire-origin"] = {2, 4, 2, "execution", "Stookplaats of installatie kan brand veroorzaken", 3},
  ["fire-spread"] = {2, 4, 4, "execution", "Brandwerende scheiding (WBDBO) onderbroken door doorvoeringen of aansluitingen", 2},
  ["smoke"] = {2, 4, 1, "execution", "Rookmelders ontbreken of hangen op de verkeerde plaats", 3},
  ["escape-routes"] = {2, 4, 3, "design", "Vluchtroute uit de woning te smal, te laag of te lang", 2},
  ["fire-brigade-access"] = {1, 3, 2, "design", "Opstelplaats of bluswatervoorziening voor de brandweer ontbreekt", 3},
  ["fall-protection"] = {2, 4, 2, "execution", "Vloerafscheiding of borstwering te laag of te open", 2},
  ["stairs"] = {2, 3, 4, "design", "Trap te steil of te smal (aantrede, optrede, vrije hoogte)", 2},
  ["burglary-resistance"] = {2, 2, 2, "execution", "Bereikbare ramen en deuren niet inbraakwerend", 2},
  ["outdoor-noise"] = {1, 3, 3, "design", "Geluidwering van de gevel onvoldoende", 2},
  ["internal-noise"] = {1, 2, 3, "design", "Installatiegeluid in verblijfsruimten te hoog", 3},
  ["moisture"] = {2, 3, 3, "execution", "Vochtwering bij kozijnen, dakranden of fundering onvoldoende", 2},
  ["ventilation"] = {3, 3, 2, "execution", "Ventilatiecapaciteit niet gehaald na inregelen", 3},
  ["flue-gas"] = {2, 4, 2, "execution", "Rookgasafvoer van een toestel onjuist aangesloten", 3},
  ["daylight"] = {1, 2, 4, "design", "Equivalente daglichtoppervlakte te klein", 2},
  ["pests"] = {1, 2, 2, "execution", "Openingen groter dan 10 mm in de schil", 2},
  ["drinking-water"] = {2, 3, 2, "execution", "Drinkwaterinstallatie niet volgens de aansluitvoorwaarden aangelegd", 3},
  ["room-dimensions"] = {1, 2, 4, "design", "Vloeroppervlakte of vrije hoogte onder de eis", 2},
  ["accessibility"] = {1, 2, 3, "design", "Toegang of hoogteverschil bij de entree niet volgens de eis", 3},
  ["sanitary"] = {1, 2, 2, "design", "Toilet- of badruimte ontbreekt of is te klein", 3},
  ["storage"] = {1, 1, 2, "design", "Bergruimte te klein", 3},
  ["outdoor-space"] = {1, 1, 2, "design", "Buitenruimte te klein", 3},
  ["energy-performance"] = {2, 4, 4, "design", "BENG-eisen niet gehaald of niet aangetoond", 3},
  ["thermal-insulation"] = {2, 3, 4, "execution", "Isolatie onderbroken of dunner dan berekend (Rc)", 2},
  ["airtightness"] = {3, 3, 3, "execution", "Luchtdichtheid haalt de in de BENG-berekening aangenomen waarde niet", 3},
  ["overheating"] = {2, 3, 3, "design", "TOjuli-indicator te hoog", 3},
  ["environmental-performance"] = {2, 2, 2, "design", "MPG-berekening ontbreekt of ligt boven de grenswaarde", 3},
}

local function contains(list, value)
  for _, v in ipairs(list) do
    if v == value then return true end
  end
  return false
end

local function has_certificate(project, topic)
  for _, c in ipairs(project.certificates) do
    if contains(c.topics, topic) then return c end
  end
  return nil
end

local function document_status(project, kind)
  for _, d in ipairs(project.documents) do
    if d.kind == kind then return d.status end
  end
  return "missing"
end

local function cap(x) return math.max(1, math.min(5, x)) end

local function assess(req)
  wkb.check_request("assess", req)
  local p = req.project
  local b = p.building
  local private = p.parties.client.private == true
  local risks, not_applicable = {}, {}
  for _, t in ipairs(wkb.taxonomy()) do
    local c = CATALOGUE[t.id]
    if b.type == "holiday-dwelling" and (t.id == "storage" or t.id == "outdoor-space") then
      not_applicable[#not_applicable + 1] = {topic = t.id,
        reason = "Recreatiewoning: het Bbl stelt aan " .. t.label_nl:lower() .. " geen eisen."}
    else
      local l, i, r, phase = c[1], c[2], c[3], c[4]
      local why = {}
      local function adjust(dl, di, reason)
        l, i = cap(l + dl), cap(i + di)
        why[#why + 1] = reason
      end
      if private and phase == "design" then
        adjust(1, 0, "particuliere opdrachtgever zonder eigen bouwkundige begeleiding")
      end
      if contains(p.local_conditions, "soft-soil") and (t.id == "structural-safety" or t.id == "moisture") then
        adjust(2, 0, "slappe bodem")
      end
      if contains(p.local_conditions, "fire-separation-under-5m") and t.id == "fire-spread" then
        adjust(2, 0, "minder dan 5 m tot de perceelgrens: brandoverslag")
      end
      if b.construction == "timber-frame" and (t.id == "fire-spread" or t.id == "moisture" or t.id == "airtightness") then
        adjust(1, 0, "houtskeletbouw")
      end
      if b.type == "floating-dwelling" and (t.id == "structural-safety" or t.id == "moisture") then
        adjust(1, 0, "drijvende woning")
      end
      if b.storeys >= 3 and (t.id == "fall-protection" or t.id == "escape-routes") then
        adjust(0, 1, b.storeys .. " bouwlagen")
      end
      if t.id == "energy-performance" and document_status(p, "beng-calculation") == "missing" then
        l = 5
        why[#why + 1] = "BENG-berekening ontbreekt"
      end
      if t.id == "structural-safety" and document_status(p, "structural-calculation") ~= "present" then
        adjust(1, 0, "constructieve berekening nog niet beoordeeld")
      end
      local cert = has_certificate(p, t.id)
      if cert then adjust(-1, 0, "certificaat " .. cert.number) end
      risks[#risks + 1] = wkb.risk{
        id = wkb.risk_id(t.id),  -- the topic, never a position: a replan keeps the id
        topic = t.id, bbl_ref = t.bbl_ref, phase = phase,
        description = c[5],
        likelihood = l, impact = i, recoverability = r,
        rationale = "Uitgangspunt voor kavelbouw (" .. t.group_nl .. ")"
          .. (#why > 0 and "; bijgesteld: " .. table.concat(why, ", ") or ""),
      }
    end
  end
  return {schema = "wkb.assessment/1", project = p.id, risks = risks, not_applicable = not_applicable}
end

-- ---- sample ---------------------------------------------------------------------

local function sample(req)
  wkb.check_request("sample", req)
  local p = req.project
  local n = #p.unit_ids
  local k = wkb.required_sample_size(SAMPLING, n)
  local seed = wkb.derive_seed(p.id)
  local units, rationale
  if k >= n then
    units = wkb.copy_array(p.unit_ids)
    rationale = n == 1 and "Eén woning: deze woning is de referentiewoning."
      or "Kleine serie van " .. n .. " woningen: elke woning is referentiewoning."
  else
    units = wkb.choose(wkb.rng(seed), p.unit_ids, k)
    rationale = k .. " van " .. n .. " woningen (minstens de helft), getrokken met zaad " .. seed .. "."
    if n > SMALL_SERIES then
      rationale = rationale .. " Dit instrument is ingericht op kavelbouw en kleine series; voor een serie van "
        .. n .. " woningen is een instrument voor seriebouw doelmatiger."
    end
  end
  return {schema = "wkb.sample/1", project = p.id, reference_units = units, rationale = rationale, seed = seed}
end

-- ---- plan -----------------------------------------------------------------------

-- The three bijwoonmomenten: the phase each prefers (then fallbacks), where
-- in the phase it falls (k/n of the way through), and what it is for.
local MOMENTS = {
  {phases = {"foundation", "structure"}, k = 2, n = 3, what = "fundering en wapening vóór het storten"},
  {phases = {"envelope", "structure", "finishing"}, k = 3, n = 4, what = "casco en schil vóór het dichtmaken"},
  {phases = {"completion", "finishing", "installations"}, k = 1, n = 2, what = "oplevering met metingen"},
}

local function moment_phase(p, moment)
  for _, name in ipairs(moment.phases) do
    local entry = wkb.schedule.phase(p, name)
    if entry then return entry end
  end
  -- No preferred phase in the schedule: the last execution phase there is.
  for i = #p.schedule, 1, -1 do
    if p.schedule[i].phase ~= "design" then return p.schedule[i] end
  end
  wkb.error("no-execution-phase", "het bouwschema bevat geen uitvoeringsfase; bijwoonmomenten kunnen niet "
    .. "worden gepland", "$.project.schedule")
end

local function plan(req)
  wkb.check_request("plan", req)
  local p, a, s = req.project, req.assessment, req.sample
  local entries = {}
  for m, moment in ipairs(MOMENTS) do entries[m] = moment_phase(p, moment) end
  local controls, at_moment = {}, {{}, {}, {}}
  local function add(c, moment)
    controls[#controls + 1] = c
    if moment then table.insert(at_moment[moment], c.id) end
  end
  for _, r in ipairs(a.risks) do
    local moment = CATALOGUE[r.topic][6]
    local base = {risk = r.id, topic = r.topic, bbl_ref = r.bbl_ref}
    local function control(fields)
      local c = {risk = base.risk, topic = base.topic, bbl_ref = base.bbl_ref,
                 units = wkb.array{}, performed_by = "assurer"}
      for k, v in pairs(fields) do c[k] = v end
      -- Named by risk, method and phase: adding a control elsewhere leaves this id
      -- (and the findings recorded against it) alone.
      c.id = wkb.control_id(c.risk, c.method, c.phase)
      return c
    end
    local cert = has_certificate(p, r.topic)
    local function certificate_check()
      return control({method = "certificate-check", phase = entries[moment].phase,
        evidence = "Geldigheid op de dag van de controle, reikwijdte en toepasbaarheid op dit project van certificaat "
          .. cert.number .. " (" .. cert.scheme .. ")"})
    end
    local checked = false
    if r.score >= CONTROL_THRESHOLD then
      if r.phase == "design" or r.score >= DETAIL_REVIEW_THRESHOLD then
        add(control({method = "document-review", phase = "design",
          evidence = r.phase == "design" and "Tekeningen, berekeningen en specificaties getoetst aan " .. r.bbl_ref
            or "Uitvoeringsdetails en werktekeningen getoetst vóór de uitvoering"}))
      end
      if r.phase == "design" and r.score >= SITE_INSPECTION_THRESHOLD then
        -- A high design risk is also checked on site: is what was reviewed what is built?
        add(control({method = "site-inspection", phase = entries[moment].phase, units = s.reference_units,
          evidence = "Controle tijdens het bijwoonmoment (" .. MOMENTS[moment].what
            .. ") dat de uitvoering overeenkomt met het getoetste ontwerp"}), moment)
      end
      if r.phase == "execution" then
        local entry = entries[moment]
        if r.score >= SITE_INSPECTION_THRESHOLD then
          add(control({method = "site-inspection", phase = entry.phase, units = s.reference_units,
            evidence = "Waarneming tijdens het bijwoonmoment (" .. MOMENTS[moment].what .. "), met foto's per woning"}),
            moment)
        elseif r.topic == "airtightness" or r.topic == "ventilation" then
          add(control({method = "measurement", phase = entries[3].phase, units = s.reference_units,
            evidence = r.topic == "airtightness" and "Blowerdoormeting (qv;10) per referentiewoning"
              or "Meetrapport van de ingeregelde ventilatiecapaciteit per ruimte"}), 3)
        elseif cert then
          add(certificate_check())
          checked = true
        else
          add(control({method = "contractor-evidence", phase = entry.phase, units = p.unit_ids,
            performed_by = "contractor",
            evidence = "Foto's en controlelijst van de aannemer per woning, beoordeeld door de kwaliteitsborger"}))
        end
      end
    end
    -- A certified risk is checked whatever its score: the certificate may
    -- have lowered it below the threshold (the host's rule certificate-check).
    if cert and not checked then add(certificate_check()) end
  end
  local inspections = {}
  for m, moment in ipairs(MOMENTS) do
    inspections[m] = {phase = entries[m].phase,
                      date = wkb.schedule.workday_at(entries[m], moment.k, moment.n),
                      units = s.reference_units, controls = wkb.array(at_moment[m])}
  end
  wkb.name_inspections(inspections)  -- "foundation/1", ...: by phase, not by position
  return {schema = "wkb.plan/1", project = p.id, controls = controls, inspections = inspections}
end

-- ---- evaluate -------------------------------------------------------------------

local EXPLANATION = {
  unrepairable = "Niet herstelbaar",
  open = "Nog niet hersteld",
  ["evidence-missing"] = "Bewijs ontbreekt",
}

-- wkb.decide applies the decision table the host enforces; the hooks put
-- the grounds and measures in this instrument's words.
local HOOKS = {
  explain = function(control, unit, latest)
    local note = latest.note ~= "" and latest.note or "geen toelichting"
    return EXPLANATION[latest.result] .. (unit and " (woning " .. unit .. ")" or "") .. ": " .. note
      .. " — vastgesteld door " .. latest.assessed_by .. " op " .. latest.date
  end,
  measure = function(_, controls)
    local methods = {}
    for i, c in ipairs(controls) do methods[i] = c.method end
    return "Beheerst met " .. table.concat(methods, ", ") .. "; alle bevindingen conform of hersteld"
  end,
}

local function evaluate(req)
  wkb.check_request("evaluate", req)
  return wkb.decide(req, HOOKS)
end

return {describe = describe, assess = assess, sample = sample, plan = plan, evaluate = evaluate}
