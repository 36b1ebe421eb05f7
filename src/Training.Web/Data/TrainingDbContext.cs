using Microsoft.EntityFrameworkCore;

namespace Training.Web.Data;

public class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : DbContext(options)
{
    public DbSet<ModuleVersion> ModuleVersions => Set<ModuleVersion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ModuleVersion>(version =>
        {
            version.Property(v => v.ModuleId).HasMaxLength(80);
            version.Property(v => v.Version).HasMaxLength(16);
            version.Property(v => v.ContentHash).HasMaxLength(64);
            version.Property(v => v.Title).HasMaxLength(300);
            version.HasIndex(v => new { v.ModuleId, v.Version, v.ContentHash }).IsUnique();
            version.Property(v => v.StoredAt).HasConversion(UtcDateTime.Converter);
        });
    }
}
