/// A value chosen by the first row whose condition matches: the policy's tables
/// (ratios by level and person class, deductibles, caps) as data.
///
/// ```yaml
/// ratio:
///   - {when: {insutype: ["390"], hosp_lv: [1]}, value: 90%}
///   - {when: {insutype: ["390"], hosp_lv: [2]}, value: 80%}
///   - value: 65%            # no `when`: always matches
/// deductible: "1000.00"     # a single value is a one-row table
/// ```
public struct RuleTable<Value: PolicyScalar>: Sendable, Decodable {
  public struct Row: Sendable, Decodable {
    public let when: Condition
    public let value: Value

    enum CodingKeys: String, CodingKey, CaseIterable { case when, value }

    public init(when: Condition, value: Value) {
      self.when = when
      self.value = value
    }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
      when = try c.decodeIfPresent(Condition.self, forKey: .when) ?? .always
      let text = try c.decodeIfPresent(String.self, forKey: .value) ?? "null"
      do { value = try Value(policyText: text) } catch {
        throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: "\(error)")
      }
    }
  }

  public let rows: [Row]

  public init(rows: [Row]) { self.rows = rows }

  public init(_ value: Value) { self.rows = [Row(when: .always, value: value)] }

  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
      do { rows = [Row(when: .always, value: try Value(policyText: text))] } catch {
        throw DecodingError.dataCorruptedError(in: single, debugDescription: "\(error)")
      }
    } else {
      rows = try [Row](from: decoder)
    }
  }

  /// The value of the first matching row, or nil when none matches.
  public func value(for facts: Facts) -> Value? { rows.first { $0.when.matches(facts) }?.value }
}
