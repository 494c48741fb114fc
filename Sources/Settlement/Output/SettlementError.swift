/// Why a claim cannot be settled: the field, its value and a sentence a clerk can act on.
///
/// ```swift
/// throw SettlementError(field: "med_type", value: "12", message: "门诊挂号(12)不能单独结算")
/// ```
public struct SettlementError: Error, Sendable, Equatable, CustomStringConvertible {
  public let field: String
  public let value: String
  public let message: String

  public init(field: String, value: String, message: String) {
    self.field = field
    self.value = value
    self.message = message
  }

  public var description: String { "\(message)（\(field)=\(value)）" }
}
