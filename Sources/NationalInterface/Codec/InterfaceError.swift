/// A refusal answered as `infcode` -1 with `err_msg`: a sentence a hospital clerk can act
/// on, naming the field and the value.
///
/// ```swift
/// throw InterfaceError("就诊ID mdtrt_id=“300000009”不存在")
/// ```
public struct InterfaceError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) { self.message = message }

  /// “field=“value”：reason”.
  public static func field(_ name: String, _ value: String?, _ reason: String) -> InterfaceError {
    InterfaceError("\(name)=“\(value ?? "")”：\(reason)")
  }

  public var description: String { message }
}
