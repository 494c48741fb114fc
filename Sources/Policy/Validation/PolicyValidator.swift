import Money
import Registry

/// Checks what decoding cannot: references between parts, ranges, overlaps.
enum PolicyValidator {
  static let amountNames: Set<String> = ["medfee", "in_scope", "in_scope_regular", "special", "basic"]

  static func validate(
    header: RegionHeader, headerFile: String, versions: [(file: String, version: PolicyVersion)]
  ) -> [PolicyProblem] {
    var problems: [PolicyProblem] = []
    func problem(_ file: String, _ path: String, _ message: String) {
      problems.append(PolicyProblem(file: file, path: path, message: message))
    }
    for (insutype, fund) in header.basicFunds.sorted(by: { $0.key < $1.key }) where header.fundNames[fund] == nil {
      problem(headerFile, "basic_funds.\(insutype)", "fund “\(fund)” is not in fund_names")
    }
    for (code, identity) in header.identities.sorted(by: { $0.key < $1.key }) {
      if let ratio = identity.assistance, ratio != ratio.clampedToOne {
        problem(headerFile, "identities.\(code).assistance", "ratio \(ratio) is outside 0–100%")
      }
    }
    var seenTypes: [String: String] = [:]
    for (personClass, types) in header.personClasses.sorted(by: { $0.key < $1.key }) {
      for type in types {
        if let other = seenTypes[type] {
          problem(headerFile, "person_classes.\(personClass)", "psn_type \(type) is also in \(other)")
        }
        seenTypes[type] = personClass
      }
    }
    let sorted = versions.sorted { $0.version.validity.begin < $1.version.validity.begin }
    for (previous, next) in zip(sorted, sorted.dropFirst()) {
      guard let end = previous.version.validity.end, end < next.version.validity.begin else {
        problem(next.file, "valid_from", "\(next.version.id) overlaps \(previous.version.id) (\(previous.file))")
        continue
      }
    }
    var ids: Set<String> = []
    for (file, version) in versions {
      if !ids.insert(version.id).inserted { problem(file, "version", "version id “\(version.id)” is used twice") }
      if let end = version.validity.end, end < version.validity.begin {
        problem(file, "valid_to", "ends (\(end)) before it begins (\(version.validity.begin))")
      }
      problems += validate(version, file: file, header: header)
    }
    return problems
  }

  private static func validate(_ version: PolicyVersion, file: String, header: RegionHeader) -> [PolicyProblem] {
    var problems: [PolicyProblem] = []
    func problem(_ path: String, _ message: String) {
      problems.append(PolicyProblem(file: file, path: path, message: message))
    }
    func checkRatios(_ table: RuleTable<Ratio>?, _ path: String) {
      for (index, row) in (table?.rows ?? []).enumerated() where row.value != row.value.clampedToOne {
        problem("\(path)[\(index)].value", "ratio \(row.value) is outside 0–100%")
      }
    }
    func checkLimits(_ uses: [LimitUse], _ path: String) {
      for (index, use) in uses.enumerated() where version.limits[use.id] == nil {
        problem(
          "\(path)[\(index)]",
          "unknown limit “\(use.id)”; defined: \(version.limits.keys.sorted().joined(separator: ", "))")
      }
    }
    checkRatios(version.lineSplit.negotiatedSelfPay, "line_split.nego_selfpay_prop")
    var regimeIDs: Set<String> = []
    for (index, regime) in version.regimes.enumerated() {
      let path = "regimes[\(index)]"
      if !regimeIDs.insert(regime.id).inserted { problem("\(path).id", "regime id “\(regime.id)” is used twice") }
      checkRatios(regime.ratio, "\(path).ratio")
      checkRatios(regime.firstPay, "\(path).first_pay")
      checkLimits(regime.limits, "\(path).limits")
      if regime.ratio.rows.isEmpty { problem("\(path).ratio", "a regime needs at least one ratio row") }
      if let deductible = regime.deductible, deductible.scope == .year, deductible.counter == nil {
        problem("\(path).deductible.counter", "a yearly deductible needs a counter")
      }
      if regime.requiresQualification && regime.diseases == nil {
        problem("\(path).requires_qualification", "a qualification needs a disease list")
      }
      if regime.method == .standard && regime.limits.isEmpty {
        problem("\(path).limits", "a fixed standard needs at least one limit giving the standard")
      }
      for (diseaseIndex, disease) in (regime.diseases ?? []).enumerated() {
        checkLimits(disease.limits, "\(path).diseases[\(diseaseIndex)].limits")
        checkRatios(disease.firstPay, "\(path).diseases[\(diseaseIndex)].first_pay")
      }
    }
    var known = amountNames
    for (index, layer) in version.layers.enumerated() {
      let path = "layers[\(index)]"
      // A layer's id names its payment in later bases and its counters: it must be unique.
      if known.contains(layer.id) || regimeIDs.contains(layer.id) {
        problem(
          "\(path).id",
          "layer id “\(layer.id)” is used twice (a layer id must differ from other layers, regimes and amounts)")
      }
      if header.fundNames[layer.fund] == nil { problem("\(path).fund", "fund “\(layer.fund)” is not in fund_names") }
      for regime in layer.appliesTo.sorted() where !regimeIDs.contains(regime) {
        problem("\(path).applies_to", "unknown regime “\(regime)”")
      }
      for term in layer.base?.terms ?? [] where !known.contains(term.name) {
        problem("\(path).base", "unknown amount “\(term.name)”; known here: \(known.sorted().joined(separator: ", "))")
      }
      checkLimits(layer.limits, "\(path).limits")
      checkRatios(layer.ratio, "\(path).ratio")
      switch layer.kind {
      case .segmented:
        if layer.base == nil { problem("\(path).base", "a segmented layer needs a base") }
        if layer.groups.isEmpty { problem("\(path).groups", "a segmented layer needs at least one group") }
        for (groupIndex, group) in layer.groups.enumerated() {
          for (segmentIndex, segment) in group.segments.enumerated() where segment.ratio != segment.ratio.clampedToOne {
            problem(
              "\(path).groups[\(groupIndex)].segments[\(segmentIndex)].ratio",
              "ratio \(segment.ratio) is outside 0–100%")
          }
          let froms = group.segments.map(\.from)
          if froms.first != .zero {
            problem("\(path).groups[\(groupIndex)].segments", "the first segment must start at 0")
          }
          if froms != froms.sorted() || Set(froms).count != froms.count {
            problem("\(path).groups[\(groupIndex)].segments", "segments must ascend strictly")
          }
        }
      case .overCap:
        if let binding = layer.bindingLimit {
          if version.limits[binding] == nil { problem("\(path).binding_limit", "unknown limit “\(binding)”") }
        } else {
          problem("\(path).binding_limit", "an over_cap layer needs a binding_limit")
        }
        if layer.ratio == nil { problem("\(path).ratio", "an over_cap layer needs a ratio") }
      case .proportional:
        if layer.base == nil { problem("\(path).base", "a proportional layer needs a base") }
        if layer.ratioSource == .table && layer.ratio == nil {
          problem("\(path).ratio", "a proportional layer needs a ratio")
        }
      }
      known.insert(layer.id)
    }
    if header.fundNames[version.account.fund] == nil {
      problem("account.fund", "fund “\(version.account.fund)” is not in fund_names")
    }
    return problems
  }
}
