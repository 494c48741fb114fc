import Money
import Policy

/// A share of the expense above a strictly binding limit (职工大额, §5.2).
///
/// over-cap = round(min(E′, other limits left ÷ r) − hifp ÷ r); pays round(over-cap × ratio).
enum OverCapLayer {
  static func pay(_ layer: Layer, context: LayerContext) -> LayerPayment? {
    let basic = context.basic
    guard basic.package == nil, !basic.ratio.isZero, let bindingID = layer.bindingLimit,
      let binding = basic.limits.first(where: { $0.definition.id == bindingID }), let bindingLeft = binding.left,
      bindingLeft < basic.uncapped
    else { return nil }
    let others = basic.limits.filter { $0.definition.id != bindingID }
    let othersLeft = others.compactMap(\.left).min()
    if let othersLeft, othersLeft <= bindingLeft { return nil }  // another limit binds as well: not strictly the cap
    var reach = ExactAmount(basic.ratioBase)
    if let othersLeft { reach = min(reach, othersLeft.divided(by: basic.ratio)) }
    let overCap = (reach - basic.amount.divided(by: basic.ratio)).rounded().positivePart
    let ratio = layer.ratio?.value(for: context.facts) ?? .zero
    let raw = overCap.multiplied(by: ratio)
    var text = "\(layer.name)：\(binding.definition.name)封顶，封顶线以上费用 \(overCap) × \(ratio) = \(raw)"
    let (paid, left, changes) = FundLayers.limited(raw, layer: layer, context: context, text: &text)
    guard !paid.isZero else { return nil }
    return LayerPayment(layer: layer, base: overCap, amount: paid, limitLeft: left, changes: changes, explanation: text)
  }
}
