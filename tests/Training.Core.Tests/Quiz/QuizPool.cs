using Training.Core.Gift;
using Training.Core.Quiz;

namespace Training.Core.Tests.Quiz;

/// <summary>A pool with one question of every type, read with the real GIFT parser.</summary>
internal static class QuizPool
{
    public const string Gift = """
        // [id:single]
        ::Straffskala::Vad är straffskalan för människohandel? {
          =Fängelse i lägst två och högst tio år # Rätt-single.
          ~%50%Fängelse i högst fyra år # Halvrätt-single.
          ~%-100%Böter # Fel-single.
          ~Fängelse i högst ett år
          ####Allmänt-single.
        }

        // [id:multi]
        ::Medel::Vilka är otillbörliga medel? {
          ~%50%Olaga tvång # Tvång-fb.
          ~%50%Vilseledande # Vilseledande-fb.
          ~%-50%Samtycke # Samtycke-fb.
          ~%-100%Ålder # Ålder-fb.
        }

        // [id:tf]
        ::Barn::Krävs otillbörligt medel när offret är under 18 år? {F#Fel-tf.#Rätt-tf.}

        // [id:short]
        ::Lag::Var står brottet? {
          =Brottsbalken # Lagen-fb.
          =%50%BrB* # Förkortning-fb.
          =%25%*balken # Någon-balk-fb.
          =människo*handel
        }

        // [id:match]
        ::Para::Para ihop brott och paragraf. {
          =Människohandel -> 4 kap. 1 a §
          =Människoexploatering -> 4 kap. 1 b §
          =Koppleri -> 6 kap. 12 §
          =Grovt koppleri -> 6 kap. 12 §
          = -> 6 kap. 11 §
        }

        // [id:num]
        ::År::Hur många år? {#=2.5:0.5#Inom-num. =%50%4..5#Nära-num. ~#Fel-num.}
        """;

    public static IReadOnlyList<GiftQuestion> Read(string gift = Gift)
    {
        var result = GiftParser.Parse(gift, "m/index.md", 1, check: false);
        Assert.Empty(result.Errors);
        return result.Questions;
    }

    public static DrawnQuiz Draw(int seed = 1) => QuizDraw.Draw(Read(), null, new Random(seed));

    public static DrawnQuestion Question(this DrawnQuiz quiz, string key) => quiz.Questions.Single(q => q.Key == key);

    public static string AnswerId(this DrawnQuestion question, string text) => question.Answers.Single(a => a.Text == text).Id;

    public static string RightId(this DrawnQuestion question, string right) => question.RightOptions.Single(o => o.Text == right).Id;

    public static int LeftIndex(this DrawnQuestion question, string left) =>
        question.Items.Select((item, index) => (item, index)).Single(x => x.item.Left == left).index;
}
