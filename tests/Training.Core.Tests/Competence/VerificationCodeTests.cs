using Training.Core.Competence;

namespace Training.Core.Tests.Competence;

public class VerificationCodeTests
{
    [Fact]
    public void A_new_code_is_sixteen_characters_of_crockford_base32_and_codes_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => VerificationCode.New()).ToList();

        Assert.All(codes, code => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{16}$", code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // Every one of the 32 characters turns up in every position: the bits are used, not just some of them.
        for (var position = 0; position < VerificationCode.Length; position++)
        {
            Assert.Equal(32, codes.Select(c => c[position]).Distinct().Count());
        }
    }

    [Fact]
    public void A_code_is_shown_in_groups_of_four() =>
        Assert.Equal("7K2M-QX9D-0ABC-DEFG", VerificationCode.Grouped("7K2MQX9D0ABCDEFG"));

    [Theory]
    [InlineData("7K2M-QX9D-0ABC-DEFG", "7K2MQX9D0ABCDEFG")]
    [InlineData("7k2m qx9d 0abc defg", "7K2MQX9D0ABCDEFG")]
    [InlineData("7K2M-QX9D-OABC-DEFG", "7K2MQX9D0ABCDEFG")] // O read as zero
    [InlineData("7K2M-QX9D-0ABC-DEFl", "7K2MQX9D0ABCDEF1")] // l read as one
    [InlineData("7K2M-QX9D-0ABC-DEF", null)]               // too short
    [InlineData("7K2M-QX9D-0ABC-DEFGH", null)]             // too long
    [InlineData("7K2M-QX9D-0ABC-DEFU", null)]              // U is not in the alphabet
    [InlineData("../../etc/passwd", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_typed_code_is_normalised_or_refused(string? typed, string? stored) =>
        Assert.Equal(stored, VerificationCode.Normalise(typed));
}
