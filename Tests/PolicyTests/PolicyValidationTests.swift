import Policy
import Testing

/// A broken policy does not load: `PolicyLoader.load` throws `PolicyErrors` whose problems name
/// the file, the path inside it and what is wrong. Each test breaks the shipped files in one way.
@Suite("Policy validation")
struct PolicyValidationTests {
  // MARK: Decoding: keys, values, syntax

  @Test("a typo in a key is an unknown key, not a silently missing rule")
  func typoKey() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "    deductible:\n      scope: year\n", with: "    deductable:\n      scope: year\n", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    expectProblem(
      problems, file: "V2021.yaml", path: "regimes[0].deductable",
      containing: ["unknown key “deductable”", "expected one of:", "deductible"])
  }

  @Test("a typo in a key of a nested condition names the condition's path")
  func typoInCondition() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "when: {med_type: [\"11\", \"13\"]}", with: "when: {med_typ: [\"11\", \"13\"]}", in: "V2021.yaml")
    expectProblem(
      policy.problems(), file: "V2021.yaml", path: "regimes[0].when.med_typ", containing: ["unknown key “med_typ”"])
  }

  @Test("a typo in a key of the region file")
  func typoInRegionFile() throws {
    var policy = DemoPolicy()
    try policy.replace("in_region_prefix:", with: "in_region_prefx:", in: "region.yaml")
    expectProblem(
      policy.problems(), file: "region.yaml", path: "in_region_prefx",
      containing: ["unknown key “in_region_prefx”", "in_region_prefix"])
  }

  @Test("an amount with three decimals is refused where it is written")
  func amountWithThreeDecimals() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "{when: {insutype: [\"390\"], hosp_lv: [1]}, value: \"200.00\"}",
      with: "{when: {insutype: [\"390\"], hosp_lv: [1]}, value: \"200.005\"}", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    expectProblem(
      problems, file: "V2021.yaml", path: "regimes[3].deductible.amount[0].value",
      containing: ["“200.005”超过2位小数"])
  }

  @Test("a single-value amount with three decimals names the table itself")
  func singleAmountWithThreeDecimals() throws {
    var policy = DemoPolicy()
    try policy.replace("    amount: \"60000.00\"\n", with: "    amount: \"60000.001\"\n", in: "V2020B.yaml")
    expectProblem(
      policy.problems(), file: "V2020B.yaml", path: "limits.haemophilia.amount", containing: ["“60000.001”超过2位小数"])
  }

  @Test("a ratio that is not a number")
  func unreadableRatio() throws {
    var policy = DemoPolicy()
    try policy.replace("    ratio: 60%\n", with: "    ratio: sixty%\n", in: "V2021.yaml")
    expectProblem(policy.problems(), file: "V2021.yaml", path: "regimes[1].ratio", containing: ["“sixty”不是数值"])
  }

  @Test("a missing required key names the key and where it is missing")
  func missingRatio() throws {
    var policy = DemoPolicy()
    try policy.replace("    ratio: 60%\n", with: "", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    expectProblem(problems, file: "V2021.yaml", path: "regimes[1].ratio", containing: ["missing required key “ratio”"])
  }

  @Test("a missing top-level key")
  func missingAccount() throws {
    var policy = DemoPolicy()
    try policy.replace("account:  ", with: "acount:  ", in: "V2020A.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    #expect(problems.first?.file == "V2020A.yaml")
    #expect(problems.first?.message.contains("acount") == true)
  }

  @Test("an unknown enumeration value")
  func unknownKind() throws {
    var policy = DemoPolicy()
    try policy.replace("kind: over_cap", with: "kind: overcap", in: "V2021.yaml")
    expectProblem(policy.problems(), file: "V2021.yaml", path: "layers[2].kind", containing: ["overcap"])
  }

  @Test("an impossible date")
  func impossibleDate() throws {
    var policy = DemoPolicy()
    try policy.replace("valid_from: \"2021-01-01\"", with: "valid_from: \"2021-02-30\"", in: "V2021.yaml")
    expectProblem(policy.problems(), file: "V2021.yaml", path: "valid_from", containing: ["2021-02-30"])
  }

  @Test("an amount expression with a character that is not part of a name")
  func malformedExpression() throws {
    var policy = DemoPolicy()
    try policy.replace("base: in_scope_regular - basic\n", with: "base: in_scope_regular - basic2\n", in: "V2021.yaml")
    expectProblem(
      policy.problems(), file: "V2021.yaml", path: "layers[1].base", containing: ["“basic2” is not an amount name"])
  }

  @Test("a YAML syntax error names the file")
  func yamlSyntaxError() throws {
    var policy = DemoPolicy()
    try policy.replace("    limits: [outpatient]\n", with: "    limits: [outpatient\n", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.file == "V2021.yaml")
    #expect(problem.path == "")
    #expect(!problem.message.isEmpty)
    #expect(problem.description.hasPrefix("V2021.yaml: "))
  }

  @Test("problems of several files are reported together")
  func severalFiles() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "    deductible:\n      scope: year\n", with: "    deductable:\n      scope: year\n", in: "V2020A.yaml")
    try policy.replace("    ratio: 60%\n", with: "", in: "V2021.yaml")
    try policy.replace("in_region_prefix:", with: "in_region_prefx:", in: "region.yaml")
    let problems = policy.problems()
    #expect(Set(problems.map(\.file)) == ["V2020A.yaml", "V2021.yaml", "region.yaml"])
    expectProblem(problems, file: "V2020A.yaml", path: "regimes[0].deductable", containing: ["deductable"])
    expectProblem(problems, file: "V2021.yaml", path: "regimes[1].ratio", containing: ["ratio"])
    expectProblem(problems, file: "region.yaml", path: "in_region_prefx", containing: ["in_region_prefx"])
    let text = PolicyErrors(problems).description
    #expect(text.contains("V2021.yaml: regimes[1].ratio: missing required key “ratio”"))
  }

  // MARK: Validation: ranges and references

  @Test("a ratio above 100% names the row")
  func ratioAboveHundred() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "      - {when: {insutype: [\"390\"]}, value: 65%}\n",
      with: "      - {when: {insutype: [\"390\"]}, value: 120%}\n",
      in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    expectProblem(
      problems, file: "V2021.yaml", path: "regimes[4].ratio[0].value", containing: ["120%", "outside 0–100%"])
  }

  @Test("a first-pay ratio above 100% in a disease of a regime")
  func diseaseFirstPayAboveHundred() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "first_pay: 10%                        # V2020A", with: "first_pay: 110%  # V2020A", in: "V2020A.yaml")
    expectProblem(
      policy.problems(), file: "V2020A.yaml", path: "regimes[2].diseases[2].first_pay[0].value",
      containing: ["110%", "outside 0–100%"])
  }

  @Test("a regime using an unknown limit lists the defined ones")
  func unknownLimitInRegime() throws {
    var policy = DemoPolicy()
    try policy.replace("    limits: [outpatient]\n", with: "    limits: [outpatent]\n", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    expectProblem(
      problems, file: "V2021.yaml", path: "regimes[0].limits[0]",
      containing: ["unknown limit “outpatent”", "defined:", "outpatient", "two_diseases"])
  }

  @Test("a disease and a layer using unknown limits")
  func unknownLimitsElsewhere() throws {
    var policy = DemoPolicy()
    try policy.replace("limits: [haemophilia]", with: "limits: [hemophilia]", in: "V2021.yaml")
    try policy.replace("    limits: [re_assistance]\n", with: "    limits: [reassistance]\n", in: "V2021.yaml")
    try policy.replace("binding_limit: basic", with: "binding_limit: basik", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 3)
    expectProblem(
      problems, file: "V2021.yaml", path: "regimes[2].diseases[3].limits[0]", containing: ["unknown limit “hemophilia”"]
    )
    expectProblem(
      problems, file: "V2021.yaml", path: "layers[4].limits[0]", containing: ["unknown limit “reassistance”"])
    expectProblem(problems, file: "V2021.yaml", path: "layers[2].binding_limit", containing: ["unknown limit “basik”"])
  }

  @Test("a layer applying to an unknown regime")
  func unknownRegimeInLayer() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "applies_to: [general_outpatient, chronic, inpatient, referral]",
      with: "applies_to: [general_outpatient, chronic, inpatient, referal]", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    expectProblem(problems, file: "V2021.yaml", path: "layers[3].applies_to", containing: ["unknown regime “referal”"])
  }

  @Test("a layer base naming an unknown amount lists the names known there")
  func unknownAmountInBase() throws {
    var policy = DemoPolicy()
    try policy.replace("base: in_scope_regular - basic\n", with: "base: in_scope_regular - basics\n", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    expectProblem(
      problems, file: "V2021.yaml", path: "layers[1].base",
      containing: ["unknown amount “basics”", "known here:", "in_scope_regular", "special_drugs"])
  }

  @Test("a layer base may only name earlier layers")
  func laterLayerInBase() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "base: in_scope_regular - basic\n", with: "base: in_scope_regular - basic - assistance\n", in: "V2021.yaml")
    expectProblem(
      policy.problems(), file: "V2021.yaml", path: "layers[1].base", containing: ["unknown amount “assistance”"])
  }

  @Test("a layer paid from an unknown fund, and an account of an unknown fund")
  func unknownFunds() throws {
    var policy = DemoPolicy()
    try policy.replace("fund: \"330100\"", with: "fund: \"330101\"", in: "V2021.yaml")
    try policy.replace("fund: \"310200\"", with: "fund: \"310201\"", in: "V2021.yaml")
    let problems = policy.problems()
    expectProblem(
      problems, file: "V2021.yaml", path: "layers[2].fund", containing: ["fund “330101” is not in fund_names"])
    expectProblem(
      problems, file: "V2021.yaml", path: "account.fund", containing: ["fund “310201” is not in fund_names"])
  }

  @Test("an over_cap layer without a ratio")
  func overCapWithoutRatio() throws {
    var policy = DemoPolicy()
    try policy.replace("    ratio: 90%\n", with: "", in: "V2021.yaml")
    expectProblem(policy.problems(), file: "V2021.yaml", path: "layers[2].ratio", containing: ["needs a ratio"])
  }

  @Test("a yearly deductible without a counter")
  func yearlyDeductibleWithoutCounter() throws {
    var policy = DemoPolicy()
    try policy.replace("      counter: outpatient_deductible\n", with: "", in: "V2021.yaml")
    expectProblem(
      policy.problems(), file: "V2021.yaml", path: "regimes[0].deductible.counter", containing: ["needs a counter"])
  }

  @Test("segments that do not start at 0 or do not ascend")
  func badSegments() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "{threshold: \"10000.00\", segments: [{from: \"0\", ratio: 60%}]}",
      with: "{threshold: \"10000.00\", segments: [{from: \"1\", ratio: 60%}]}", in: "V2021.yaml")
    try policy.replace(
      "{from: \"100000.00\", ratio: 75%}", with: "{from: \"300000.00\", ratio: 75%}", in: "V2021.yaml")
    let problems = policy.problems()
    #expect(problems.count == 2)
    expectProblem(problems, file: "V2021.yaml", path: "layers[0].groups[1].segments", containing: ["start at 0"])
    expectProblem(problems, file: "V2021.yaml", path: "layers[1].groups[0].segments", containing: ["ascend strictly"])
  }

  @Test("a regime id used twice")
  func duplicateRegime() throws {
    var policy = DemoPolicy()
    try policy.replace("  - id: pharmacy ", with: "  - id: inpatient ", in: "V2021.yaml")
    let problems = policy.problems()
    expectProblem(problems, file: "V2021.yaml", path: "regimes[6].id", containing: ["“inpatient” is used twice"])
    // The layer that applied to the lost regime is reported too.
    expectProblem(problems, file: "V2021.yaml", path: "layers[0].applies_to", containing: ["unknown regime “pharmacy”"])
  }

  @Test("the region file: an unknown basic fund, an assistance above 100%, a psn_type in two classes")
  func regionFileProblems() throws {
    var policy = DemoPolicy()
    try policy.replace("\"510\": \"510100\"", with: "\"510\": \"510900\"", in: "region.yaml")
    try policy.replace(
      "低保对象, poor: true, assistance: 70%}", with: "低保对象, poor: true, assistance: 170%}", in: "region.yaml")
    try policy.replace("retired: [\"1201\"]", with: "retired: [\"1201\", \"1101\"]", in: "region.yaml")
    let problems = policy.problems()
    #expect(problems.count == 3, "\(PolicyErrors(problems))")
    expectProblem(
      problems, file: "region.yaml", path: "basic_funds.510", containing: ["fund “510900” is not in fund_names"])
    expectProblem(problems, file: "region.yaml", path: "identities.2102.assistance", containing: ["170%", "outside"])
    expectProblem(
      problems, file: "region.yaml", path: "person_classes.retired", containing: ["psn_type 1101 is also in in_service"]
    )
  }

  // MARK: Versions

  @Test("overlapping version dates name the later version's file")
  func overlappingVersions() throws {
    var policy = DemoPolicy()
    try policy.replace("valid_to: \"2020-06-30\"", with: "valid_to: \"2020-07-15\"", in: "V2020A.yaml")
    let problems = policy.problems()
    #expect(problems.count == 1)
    expectProblem(
      problems, file: "V2020B.yaml", path: "valid_from", containing: ["V2020B overlaps V2020A", "V2020A.yaml"])
  }

  @Test("a version beginning inside the previous one, and an open-ended version that is not the last")
  func otherOverlaps() throws {
    var early = DemoPolicy()
    try early.replace("valid_from: \"2021-01-01\"", with: "valid_from: \"2020-12-31\"", in: "V2021.yaml")
    expectProblem(early.problems(), file: "V2021.yaml", path: "valid_from", containing: ["V2021 overlaps V2020B"])
    var open = DemoPolicy()
    try open.replace("valid_to: \"2020-12-31\"", with: "valid_to: null", in: "V2020B.yaml")
    expectProblem(open.problems(), file: "V2021.yaml", path: "valid_from", containing: ["V2021 overlaps V2020B"])
  }

  @Test("a version ending before it begins")
  func endsBeforeBegin() throws {
    var policy = DemoPolicy()
    try policy.replace("valid_to: \"2020-06-30\"", with: "valid_to: \"2019-06-30\"", in: "V2020A.yaml")
    let problems = policy.problems()
    expectProblem(
      problems, file: "V2020A.yaml", path: "valid_to", containing: ["ends (2019-06-30) before it begins (2020-01-01)"])
  }

  @Test("a version id used twice")
  func duplicateVersionID() throws {
    var policy = DemoPolicy()
    policy.texts["V2021-copy.yaml"] = DemoPolicy.shipped["V2021.yaml"]
    let problems = policy.problems()
    expectProblem(problems, file: "V2021.yaml", path: "version", containing: ["“V2021” is used twice"])
  }

  // MARK: Files

  @Test("exactly one region file is needed")
  func regionFileCount() throws {
    var none = DemoPolicy()
    none.texts["region.yaml"] = nil
    #expect(
      none.problems().map(\.description) == ["region.yaml: exactly one region file is needed, found 0"])
    var two = DemoPolicy()
    two.texts["other-region.yaml"] = DemoPolicy.shipped["region.yaml"]
    #expect(two.problems().map(\.message) == ["exactly one region file is needed, found 2"])
  }

  @Test("a region without a version file")
  func noVersion() {
    var policy = DemoPolicy()
    policy.texts = ["region.yaml": DemoPolicy.shipped["region.yaml"]!]
    #expect(policy.problems().map(\.description) == ["region.yaml: the region has no version file"])
  }

  // MARK: Known gaps

  @Test(
    "a segment ratio above 100% is refused")
  func segmentRatioAboveHundred() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "segments: [{from: \"0\", ratio: 65%}", with: "segments: [{from: \"0\", ratio: 165%}", in: "V2021.yaml")
    expectProblem(
      policy.problems(), file: "V2021.yaml", path: "layers[1].groups[0].segments[0].ratio",
      containing: ["165%", "outside 0–100%"])
  }

  @Test(
    "a negotiated self-pay ratio above 100% is refused")
  func negotiatedSelfPayAboveHundred() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "- {when: {insutype: [\"310\"]}, value: 5%}", with: "- {when: {insutype: [\"310\"]}, value: 150%}",
      in: "V2021.yaml")
    expectProblem(
      policy.problems(), file: "V2021.yaml", path: "line_split.nego_selfpay_prop[0].value",
      containing: ["150%", "outside 0–100%"])
  }

  @Test(
    "a layer id used twice is refused, as a regime id is")
  func duplicateLayer() throws {
    var policy = DemoPolicy()
    try policy.replace("  - id: re_assistance ", with: "  - id: assistance ", in: "V2021.yaml")
    expectProblem(
      policy.problems(), file: "V2021.yaml", path: "layers[4].id", containing: ["“assistance” is used twice"])
  }

  @Test(
    "a typo inside a list-form `not` names the key and its path")
  func typoInNotList() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "not: {med_type: [\"41\", \"14\"]}", with: "not: [{med_typ: [\"41\", \"14\"]}]", in: "V2021.yaml")
    expectProblem(
      policy.problems(), file: "V2021.yaml", path: "refusals[0].when.not[0].med_typ",
      containing: ["unknown key “med_typ”"])
  }

  @Test(
    "an unreadable identity ratio has the same path as an out-of-range one")
  func unreadableIdentityRatio() throws {
    var policy = DemoPolicy()
    try policy.replace(
      "特困供养人员, poor: true, assistance: 90%}", with: "特困供养人员, poor: true, assistance: 9O%}", in: "region.yaml")
    expectProblem(policy.problems(), file: "region.yaml", path: "identities.2101.assistance", containing: ["9O"])
  }
}
