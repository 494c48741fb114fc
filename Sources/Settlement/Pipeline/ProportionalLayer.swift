import Money
import Policy

/// A ratio of this settlement's base (医疗救助, §5.3); the ratio is a table's or the
/// highest assistance ratio of the identities held.
enum ProportionalLayer {
  static func pay(_ layer: Layer, context: LayerContext) -> LayerPayment? {
    guard let expression = layer.base else { return nil }
    let ratio: Ratio? =
      switch layer.ratioSource {
      case .identities: context.identityRatio
      case .table: layer.ratio?.value(for: context.facts)
      }
    guard let ratio, !ratio.isZero else { return nil }
    let base = context.evaluate(expression).positivePart
    guard !base.isZero else { return nil }
    let raw = base.multiplied(by: ratio)
    var text = "\(layer.name)：\(context.explain(expression)) = \(base) × \(ratio) = \(raw)"
    let (paid, left, changes) = FundLayers.limited(raw, layer: layer, context: context, text: &text)
    guard !paid.isZero else { return nil }
    return LayerPayment(layer: layer, base: base, amount: paid, limitLeft: left, changes: changes, explanation: text)
  }
}
