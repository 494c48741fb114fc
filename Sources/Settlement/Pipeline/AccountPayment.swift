import Money
import Policy

/// Stage 5 (§5.5): the personal account pays what it can of the personal part.
enum AccountPayment {
  static func pay(
    personalPart: Money, balance: Money, requested: Bool, rule: AccountRule, facts: Facts
  ) -> (amount: Money, explanation: String?) {
    guard requested, rule.when.matches(facts), personalPart > .zero else { return (.zero, nil) }
    let amount = min(balance.positivePart, personalPart)
    return (amount, "个人账户：个人负担 \(personalPart)，账户余额 \(balance)，账户支付 \(amount)")
  }
}
