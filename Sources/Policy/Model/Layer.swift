import Money

/// A fund layer after the basic fund (大病保险, 大病特药, 职工大额, 医疗救助, 再救助).
///
/// Three generic kinds cover the demo region:
/// - `segmented`: a yearly accumulator of a base amount, paid by segments above a
///   threshold with the before/after method (大病, 特药, 再救助);
/// - `over_cap`: a share of the expense above a binding limit (职工大额);
/// - `proportional`: a ratio of this settlement's base (医疗救助).
///
/// ```yaml
/// - id: critical_illness
///   name: 城乡居民大病保险
///   fund: "390200"
///   kind: segmented
///   applies_to: [inpatient, referral, chronic]
///   when: {insutype: ["390"]}
///   base: in_scope_regular - basic
///   groups:
///     - when: {poor: true}
///       threshold: "5000.00"
///       segments: [{from: "0", ratio: 65%}, {from: "100000.00", ratio: 75%}, {from: "200000.00", ratio: 85%}]
///   limits: [critical_illness]
/// ```
public struct Layer: Sendable, Decodable {
  public let id: String
  public let name: String
  /// `fund_pay_type` of the payment.
  public let fund: String
  public let kind: Kind
  /// The regimes whose settlements this layer follows.
  public let appliesTo: Set<String>
  public let when: Condition
  /// The amount the layer works on (segmented, proportional).
  public let base: AmountExpression?
  public let groups: [SegmentGroup]
  public let ratio: RuleTable<Ratio>?
  /// `identities`: the highest assistance ratio of the identities held.
  public let ratioSource: RatioSource
  /// The limit that must be the strictly binding one (over_cap).
  public let bindingLimit: String?
  public let limits: [LimitUse]

  public enum Kind: String, Sendable, Decodable {
    case segmented
    case overCap = "over_cap"
    case proportional
  }

  public enum RatioSource: String, Sendable, Decodable {
    case table
    case identities
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, name, fund, kind, when, base, groups, ratio, limits
    case appliesTo = "applies_to"
    case ratioSource = "ratio_source"
    case bindingLimit = "binding_limit"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decode(String.self, forKey: .name)
    fund = try c.decode(String.self, forKey: .fund)
    kind = try c.decode(Kind.self, forKey: .kind)
    appliesTo = try c.decode(Set<String>.self, forKey: .appliesTo)
    when = try c.decodeIfPresent(Condition.self, forKey: .when) ?? .always
    base = try c.decodeTextIfPresent(.base) { try AmountExpression($0) }
    groups = try c.decodeIfPresent([SegmentGroup].self, forKey: .groups) ?? []
    ratio = try c.decodeIfPresent(RuleTable<Ratio>.self, forKey: .ratio)
    ratioSource = try c.decodeIfPresent(RatioSource.self, forKey: .ratioSource) ?? .table
    bindingLimit = try c.decodeIfPresent(String.self, forKey: .bindingLimit)
    limits = try c.decodeIfPresent([LimitUse].self, forKey: .limits) ?? []
  }

  /// The counter of the yearly base a segmented layer accumulates.
  public var baseCounter: String { "\(id).base" }
}

/// Threshold and segments of one group (ordinary / poor) of a segmented layer.
public struct SegmentGroup: Sendable, Decodable {
  public let when: Condition
  /// 起付线 of the yearly accumulator.
  public let threshold: Money
  /// Ascending by `from`, measured above the threshold.
  public let segments: [Segment]

  public struct Segment: Sendable, Decodable {
    public let from: Money
    public let ratio: Ratio

    enum CodingKeys: String, CodingKey, CaseIterable { case from, ratio }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
      from = try c.decodeText(.from) { try Money(yuan: $0) }
      ratio = try c.decodeText(.ratio) { try Ratio($0) }
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case when, threshold, segments }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    when = try c.decodeIfPresent(Condition.self, forKey: .when) ?? .always
    threshold = try c.decodeText(.threshold) { try Money(yuan: $0) }
    segments = try c.decode([Segment].self, forKey: .segments)
  }
}

/// A sum of named amounts of the settlement, as a layer's base:
/// `in_scope - basic - critical_illness`.
///
/// Names: `medfee`, `in_scope` (I), `in_scope_regular` (Iₙ), `special` (S),
/// `basic` (the regime's fund payment) and any layer id (that layer's payment).
public struct AmountExpression: Sendable, CustomStringConvertible {
  public struct Term: Sendable {
    public let sign: Int64
    public let name: String
  }

  public let terms: [Term]

  public init(_ text: String) throws(PolicyFormatError) {
    var terms: [Term] = []
    var sign: Int64 = 1
    for token in text.split(separator: " ") {
      switch token {
      case "+": sign = 1
      case "-", "−": sign = -1
      default:
        guard token.allSatisfy({ $0.isLetter || $0 == "_" }) else {
          throw PolicyFormatError("“\(text)”: “\(token)” is not an amount name")
        }
        terms.append(Term(sign: sign, name: String(token)))
        sign = 1
      }
    }
    guard !terms.isEmpty else { throw PolicyFormatError("empty amount expression") }
    self.terms = terms
  }

  public var description: String {
    terms.enumerated().map { index, term in
      (index == 0 ? (term.sign < 0 ? "-" : "") : (term.sign < 0 ? " - " : " + ")) + term.name
    }.joined()
  }
}

/// A policy text that does not read as the policy grammar.
public struct PolicyFormatError: Error, Sendable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
