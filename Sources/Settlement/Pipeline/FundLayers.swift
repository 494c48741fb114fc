import Money
import Policy
import Registry

/// Stage 4 (§5.1–5.4): the layers after the basic fund, in the policy's order.
///
/// Each layer sees the amounts of the settlement so far (`in_scope`, `basic`, the
/// earlier layers' payments) and adds its own payment, counters and explanation.
///
/// ```swift
/// let payments = FundLayers.pay(version.layers, context: context)
/// ```
public enum FundLayers {
  public static func pay(_ layers: [Layer], context: LayerContext) -> [LayerPayment] {
    var context = context
    var payments: [LayerPayment] = []
    for layer in layers where layer.appliesTo.contains(context.regime.regime.id) && layer.when.matches(context.facts) {
      let payment: LayerPayment? =
        switch layer.kind {
        case .segmented: SegmentedLayer.pay(layer, context: context)
        case .overCap: OverCapLayer.pay(layer, context: context)
        case .proportional: ProportionalLayer.pay(layer, context: context)
        }
      guard let payment else { continue }
      context.amounts[layer.id] = payment.amount
      context.layerNames[layer.id] = layer.name
      payments.append(payment)
    }
    return payments
  }

  /// Limits a layer's payment by its limits left and records the counters.
  static func limited(
    _ amount: Money, layer: Layer, context: LayerContext, text: inout String
  ) -> (amount: Money, limitLeft: Money?, changes: [AccumulatorChange]) {
    let limits = context.book.states(for: layer.limits)
    var paid = amount.positivePart
    let binding = LimitState.smallestLeft(limits)
    if let binding, let left = binding.left, left < paid {
      paid = left
      text += "，\(binding.definition.name)剩余 \(left)，支付 \(left)"
    }
    let changes =
      paid.isZero ? [] : limits.compactMap { limit in limit.key.map { AccumulatorChange(key: $0, delta: paid) } }
    return (paid, binding?.left, changes)
  }
}

/// What the layers can read: the settlement's named amounts and its counters.
public struct LayerContext: Sendable {
  public let regime: ChosenRegime
  public var facts: Facts { regime.facts }
  public let basic: BasicPayment
  public let book: LimitBook
  /// The highest assistance ratio of the identities held on the service date.
  public let identityRatio: Ratio?
  /// `medfee`, `in_scope`, `in_scope_regular`, `special`, `basic`, then each layer's id.
  public var amounts: [String: Money]
  /// The name of each layer paid so far, for explanations.
  public var layerNames: [String: String] = [:]
  /// What an explanation calls the settlement's own amounts.
  static let amountNames = [
    "medfee": "医疗费总额", "in_scope": "政策范围内", "in_scope_regular": "政策范围内（不含特药）", "special": "特药",
    "basic": "基本医保",
  ]

  public init(regime: ChosenRegime, split: SplitClaim, basic: BasicPayment, book: LimitBook, identityRatio: Ratio?) {
    self.regime = regime
    self.basic = basic
    self.book = book
    self.identityRatio = identityRatio
    amounts = [
      "medfee": split.totals.medicalFee, "in_scope": split.totals.inScope,
      "in_scope_regular": split.totals.inScopeRegular, "special": split.totals.special, "basic": basic.amount,
    ]
  }

  /// `政策范围内 5453.25 − 基本医保 1049.75 − 大病特药 5832.00`: the terms of `expression` by
  /// name and amount, the first always and the others where they are not zero.
  public func explain(_ expression: AmountExpression) -> String {
    expression.terms.enumerated().compactMap { index, term -> String? in
      let amount = amounts[term.name] ?? .zero
      guard index == 0 || !amount.isZero else { return nil }
      let sign = term.sign < 0 ? (index == 0 ? "−" : " − ") : (index == 0 ? "" : " + ")
      return sign + (Self.amountNames[term.name] ?? layerNames[term.name] ?? term.name) + " " + amount.description
    }.joined()
  }

  public func evaluate(_ expression: AmountExpression) -> Money {
    expression.terms.reduce(Money.zero) { total, term in
      total + Money(fen: term.sign * (amounts[term.name] ?? .zero).fen)
    }
  }
}

/// One layer's payment.
public struct LayerPayment: Sendable {
  public let layer: Layer
  /// The layer's calculation base for this settlement.
  public let base: Money
  public let amount: Money
  /// What the binding limit still allowed before this settlement (`crt_payb_lmt_amt`).
  public let limitLeft: Money?
  public let changes: [AccumulatorChange]
  public let explanation: String
}
