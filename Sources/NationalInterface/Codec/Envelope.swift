/// The request envelope (root) of the national interface.
///
/// ```swift
/// let request = try InterfaceRequest(body: bytes)
/// request.transaction   // "2207" (a lettered "2203A" is read as "2203")
/// ```
public struct InterfaceRequest: Sendable {
  /// `infno` as sent.
  public let infno: String
  /// The four-digit transaction number.
  public let transaction: String
  public let messageID: String?
  public let institutionCode: String?
  public let institutionName: String?
  public let signNumber: String?
  public let operatorNumber: String?
  public let operatorName: String?
  public let input: InputNode

  public init(body: [UInt8]) throws(InterfaceError) {
    let root: JSONValue
    do { root = try JSONValue.parse(body) } catch { throw InterfaceError("请求报文不是有效的JSON：\(error)") }
    guard case .object = root else { throw InterfaceError("请求报文必须是JSON对象") }
    try self.init(root: root)
  }

  public init(root: JSONValue) throws(InterfaceError) {
    let envelope = InputNode(root, path: "")
    guard let infno = envelope.string("infno") else { throw InterfaceError("缺少交易编号 infno") }
    self.infno = infno
    transaction = String(infno.prefix(4))
    guard transaction.count == 4, transaction.allSatisfy(\.isNumber) else {
      throw .field("infno", infno, "不是有效的交易编号")
    }
    messageID = envelope.string("msgid")
    institutionCode = envelope.string("fixmedins_code")
    institutionName = envelope.string("fixmedins_name")
    signNumber = envelope.string("sign_no")
    operatorNumber = envelope.string("opter")
    operatorName = envelope.string("opter_name")
    input = InputNode(root["input"], path: "input")
  }
}

/// The answer envelope: `infcode` 0 with `output`, or -1 with `err_msg`.
public struct InterfaceResponse: Sendable {
  public let infcode: Int
  public let errorMessage: String?
  public let output: JSONValue
  public let referenceMessageID: String
  public let receivedAt: String
  public let respondedAt: String

  public init(output: JSONValue, referenceMessageID: String, receivedAt: String, respondedAt: String) {
    infcode = 0
    errorMessage = nil
    self.output = output
    self.referenceMessageID = referenceMessageID
    self.receivedAt = receivedAt
    self.respondedAt = respondedAt
  }

  public init(error: InterfaceError, referenceMessageID: String, receivedAt: String, respondedAt: String) {
    infcode = -1
    errorMessage = error.message
    output = .null
    self.referenceMessageID = referenceMessageID
    self.receivedAt = receivedAt
    self.respondedAt = respondedAt
  }

  public var json: JSONValue {
    [
      "infcode": .number(String(infcode)), "inf_refmsgid": .string(referenceMessageID),
      "refmsg_time": .string(receivedAt), "respond_time": .string(respondedAt), "enctype": "", "signtype": "",
      "cainfo": "", "err_msg": errorMessage.map(JSONValue.string) ?? .null, "warn_msg": .null, "output": output,
    ]
  }
}
