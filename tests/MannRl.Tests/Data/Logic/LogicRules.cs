using MannRl.Data.Logic;

namespace MannRl.Tests.Data.Logic;

/// <summary>The logic task's rules, written out independently of the generator, to check any sequence.</summary>
internal static class LogicRules
{
    /// <summary>Asserts <paramref name="e"/> is well formed (and/or over 2..20 operands, or the given range) and returns its operator and operands.</summary>
    public static (string Op, string Operands) Check(LogicExample e, int minOperands = 2, int maxOperands = 20)
    {
        string inputs = e.Inputs, targets = e.Targets;
        Assert.Equal(inputs.Length, targets.Length);
        Assert.EndsWith("=|", inputs);
        string op = inputs.StartsWith("and") ? "and" : inputs.StartsWith("xor") ? "xor" : inputs.StartsWith("or") ? "or" : "";
        Assert.NotEqual("", op);
        string operands = inputs[op.Length..^2];
        Assert.All(operands, c => Assert.True(c is '0' or '1', $"operand '{c}' in {inputs}"));

        bool result = op switch
        {
            "and" => operands.All(c => c == '1'),
            "or" => operands.Any(c => c == '1'),
            _ => (operands[0] == '1') ^ (operands[1] == '1'),
        };
        // targets: the inputs shifted right by one, starting with '.', and the result at '|'
        Assert.Equal("." + inputs[..^2] + (result ? '1' : '0'), targets);

        switch (op)
        {
            case "and":
                Assert.InRange(operands.Length, minOperands, maxOperands);
                Assert.InRange(operands.Count(c => c == '0'), 0, 1);
                break;
            case "or":
                Assert.InRange(operands.Length, minOperands, maxOperands);
                Assert.InRange(operands.Count(c => c == '1'), 0, 1);
                break;
            default:
                Assert.Equal(2, operands.Length);
                break;
        }
        return (op, operands);
    }
}
