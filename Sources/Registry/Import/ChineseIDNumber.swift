/// A checked 18-character citizen identity number (公民身份号码, GB 11643-1999).
///
/// Six digits of region, eight of birth date, three of sequence (odd for men, even for women)
/// and an ISO 7064 MOD 11-2 check character `0`–`9` or `X`.
///
/// ```swift
/// let id = try ChineseIDNumber("37040619550115585X")
/// id.birthDate  // 1955-01-15
/// id.gender     // .male
/// ```
struct ChineseIDNumber: Sendable, Hashable {
  let text: String
  let birthDate: Day
  let gender: Gender

  /// Why a text is not a valid identity number; the message completes "身份证号…".
  struct Invalid: Error, Sendable, Equatable {
    let message: String
  }

  private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  private static let checkCharacters = Array("10X98765432".utf8)

  init(_ text: String) throws(Invalid) {
    let bytes = Array(text.utf8)
    let zero = UInt8(ascii: "0")
    guard bytes.count == 18, bytes[..<17].allSatisfy({ $0 >= zero && $0 <= zero + 9 }),
      bytes[17] == UInt8(ascii: "X") || (bytes[17] >= zero && bytes[17] <= zero + 9)
    else { throw Invalid(message: "身份证号应为18位：17位数字加1位校验码（0-9或大写X）") }
    let digits = bytes[..<17].map { Int($0 - zero) }
    let sum = zip(digits, Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
    let expected = Self.checkCharacters[sum % 11]
    guard bytes[17] == expected else {
      throw Invalid(message: "身份证号校验码错误（按GB 11643应为“\(Character(Unicode.Scalar(expected)))”）")
    }
    func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
    guard let birthDate = Day(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else {
      throw Invalid(message: "身份证号第7-14位不是有效的出生日期")
    }
    self.text = text
    self.birthDate = birthDate
    self.gender = digits[16] % 2 == 1 ? .male : .female
  }
}
