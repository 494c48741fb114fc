import Money
import Policy

/// A yearly accumulator paid by segments above a threshold (大病保险, 大病特药, 再救助).
///
/// With the base before (B0) and after (B1) this settlement, it pays
/// round(Σ rate × length of ((B0 − D)⁺, (B1 − D)⁺] inside each segment).
enum SegmentedLayer {
  static func pay(_ layer: Layer, context: LayerContext) -> LayerPayment? {
    guard let expression = layer.base, let group = layer.groups.first(where: { $0.when.matches(context.facts) }) else {
      return nil
    }
    let base = context.evaluate(expression)
    let counter = context.book.yearCounter(layer.baseCounter)
    let before = context.book.totals[counter]
    let after = before + base
    let low = (before - group.threshold).positivePart
    let high = (after - group.threshold).positivePart
    var exact = ExactAmount.zero
    var parts: [String] = []
    for (index, segment) in group.segments.enumerated() {
      let end = index + 1 < group.segments.count ? group.segments[index + 1].from : nil
      let from = max(low, segment.from)
      let to = end.map { min(high, $0) } ?? high
      guard from < to else { continue }
      exact = exact + (to - from).exactly(times: segment.ratio)
      parts.append("\(to - from) × \(segment.ratio)")
    }
    let raw = exact.rounded()
    var text =
      "\(layer.name)：本次基数 \(base)，年度累计 \(before) → \(after)，起付线 \(group.threshold)"
      + (parts.isEmpty ? "，未达起付线" : "，" + parts.joined(separator: " + ") + " = \(raw)")
    let (paid, left, changes) = FundLayers.limited(raw, layer: layer, context: context, text: &text)
    guard !base.isZero || !paid.isZero else { return nil }
    let baseChange = base.isZero ? [] : [AccumulatorChange(key: counter, delta: base)]
    return LayerPayment(
      layer: layer, base: base, amount: paid, limitLeft: left, changes: baseChange + changes, explanation: text)
  }
}
