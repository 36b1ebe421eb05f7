using Training.Web;
using Training.Web.Commands;

if (Verbs.Find(args) is not null)
{
    return await Verbs.RunAsync(args, Console.Out, Console.Error);
}

var app = TrainingApp.Build(args);
await app.RunAsync();
return 0;

public partial class Program;
