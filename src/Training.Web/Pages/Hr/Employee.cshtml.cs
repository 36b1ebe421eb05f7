using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Data;

namespace Training.Web.Pages.Hr;

/// <summary>One employee by opaque id; someone outside the viewer's boundary is simply not found (404).</summary>
public class EmployeeModel(TrainingDbContext db) : PageModel
{
    public User Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var person = await db.Users.AsNoTracking().VisibleTo(User)
            .Include(u => u.Agency).Include(u => u.Unit).Include(u => u.JobRole)
            .FirstOrDefaultAsync(u => u.Id == id);
        if (person is null)
        {
            return NotFound();
        }
        Person = person;
        return Page();
    }
}
