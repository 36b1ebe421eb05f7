using Training.Core.Content;

namespace Training.Core.Gift;

/// <summary>Which questions of a question bank (a GIFT or Moodle XML file) may join a module's graded pool.</summary>
public static class QuestionBankImport
{
    /// <summary>
    /// The questions that can be added to <paramref name="pool"/> as they are, and a problem at each one that cannot:
    /// a question with neither id nor title (the pool follows questions by it), one whose id or title the pool or an
    /// earlier question of the bank already has, and one that cannot give full credit.
    /// </summary>
    public static (IReadOnlyList<GiftQuestion> Accepted, IReadOnlyList<ContentProblem> Refused) Plan(
        IReadOnlyList<GiftQuestion> pool, IReadOnlyList<GiftQuestion> bank)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(bank);
        var taken = pool.Where(q => q.Key is not null).ToDictionary(q => q.Key!, q => $"{q.Path}:{q.Line}", StringComparer.Ordinal);
        var accepted = new List<GiftQuestion>();
        var refused = new List<ContentProblem>();
        foreach (var question in bank)
        {
            var problem = question.Key is not { } key
                ? "frågan saknar både id och titel, som provet följer den med; ge den ett namn eller id."
                : taken.TryGetValue(key, out var where)
                    ? $"id eller titel ”{key}” finns redan ({where}); frågan läggs inte till."
                    : GiftChecks.CheckPool([question]).Select(p => p.Message).FirstOrDefault();
            if (problem is null)
            {
                taken.Add(question.Key!, $"{question.Path}:{question.Line}");
                accepted.Add(question with { Check = false });
            }
            else
            {
                refused.Add(new ContentProblem(question.Path, question.Line, problem));
            }
        }
        return (accepted, refused);
    }
}
