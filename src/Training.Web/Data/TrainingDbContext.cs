using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Training.Web.Data;

public class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : IdentityDbContext<User>(options)
{
    public DbSet<ModuleVersion> ModuleVersions => Set<ModuleVersion>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<AgencyDomain> AgencyDomains => Set<AgencyDomain>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<JobRole> JobRoles => Set<JobRole>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ModuleVersion>(version =>
        {
            version.Property(v => v.ModuleId).HasMaxLength(80);
            version.Property(v => v.Version).HasMaxLength(16);
            version.Property(v => v.ContentHash).HasMaxLength(64);
            version.Property(v => v.Title).HasMaxLength(300);
            version.HasIndex(v => new { v.ModuleId, v.Version, v.ContentHash }).IsUnique();
            version.Property(v => v.StoredAt).HasConversion(UtcDateTime.Converter);
        });

        builder.Entity<Agency>(agency =>
        {
            agency.Property(a => a.Code).HasMaxLength(80);
            agency.Property(a => a.Name).HasMaxLength(200);
            agency.HasIndex(a => a.Code).IsUnique();
            agency.HasMany(a => a.Domains).WithOne().HasForeignKey(d => d.AgencyId);
        });
        builder.Entity<AgencyDomain>(domain =>
        {
            domain.Property(d => d.Domain).HasMaxLength(253);
            domain.HasIndex(d => d.Domain).IsUnique();
        });
        builder.Entity<Unit>(unit =>
        {
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.HasIndex(u => new { u.AgencyId, u.Name }).IsUnique();
        });
        builder.Entity<JobRole>(role =>
        {
            role.Property(r => r.Code).HasMaxLength(80);
            role.Property(r => r.Name).HasMaxLength(200);
            role.HasIndex(r => new { r.AgencyId, r.Code }).IsUnique();
        });

        builder.Entity<User>(user =>
        {
            user.Property(u => u.Name).HasMaxLength(200);
            user.Property(u => u.EmployeeNumber).HasMaxLength(50);
            user.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
            user.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.SetNull);
            user.HasOne(u => u.JobRole).WithMany().HasForeignKey(u => u.JobRoleId).OnDelete(DeleteBehavior.SetNull);
            user.HasIndex(u => new { u.AgencyId, u.EmployeeNumber }).IsUnique();
            user.HasIndex(u => new { u.AgencyId, u.Name });
            user.Property(u => u.CreatedAt).HasConversion(UtcDateTime.Converter);
        });

        builder.Entity<AuthSession>(session =>
        {
            session.HasKey(s => s.KeyHash);
            session.Property(s => s.KeyHash).HasMaxLength(64);
            session.HasIndex(s => s.UserId);
            session.Property(s => s.ExpiresAt).HasConversion(UtcDateTime.Converter);
            session.Property(s => s.CreatedAt).HasConversion(UtcDateTime.Converter);
        });
    }
}
