using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Employees;
using Training.Web.Learning;

namespace Training.Web.Data;

/// <summary>
/// The database. It also holds the data-protection keys (<see cref="IDataProtectionKeyContext"/>) that sign and encrypt
/// cookies and antiforgery tokens, so that every instance of the site accepts what another issued.
/// </summary>
public class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : IdentityDbContext<User>(options), IDataProtectionKeyContext
{
    public DbSet<ModuleVersion> ModuleVersions => Set<ModuleVersion>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<AgencyDomain> AgencyDomains => Set<AgencyDomain>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<JobRole> JobRoles => Set<JobRole>();
    public DbSet<ManagerUnit> ManagerUnits => Set<ManagerUnit>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<SectionVisit> SectionVisits => Set<SectionVisit>();
    public DbSet<CheckAnswer> CheckAnswers => Set<CheckAnswer>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<Completion> Completions => Set<Completion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Requirement> Requirements => Set<Requirement>();
    public DbSet<RequirementJobRole> RequirementJobRoles => Set<RequirementJobRole>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<ModuleVersionFile> ModuleVersionFiles => Set<ModuleVersionFile>();
    public DbSet<ModuleDraft> ModuleDrafts => Set<ModuleDraft>();
    public DbSet<ModuleDraftFile> ModuleDraftFiles => Set<ModuleDraftFile>();
    public DbSet<ContentTrack> ContentTracks => Set<ContentTrack>();
    public DbSet<StoredImport> EmployeeImports => Set<StoredImport>();
    public DbSet<CompletionUpload> CompletionUploads => Set<CompletionUpload>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDbFunction(typeof(SearchText).GetMethod(nameof(SearchText.Fold))!).HasName(SearchText.SqlFunction);

        builder.Entity<ModuleVersion>(version =>
        {
            version.Property(v => v.ModuleId).HasMaxLength(80);
            version.Property(v => v.Version).HasMaxLength(16);
            version.Property(v => v.ContentHash).HasMaxLength(64);
            version.Property(v => v.Title).HasMaxLength(300);
            version.HasIndex(v => new { v.ModuleId, v.Version, v.ContentHash }).IsUnique();
            version.Property(v => v.StoredAt).HasConversion(UtcDateTime.Converter);
            version.Property(v => v.Origin).HasMaxLength(16).HasDefaultValue(VersionOrigins.Content); // versions stored before came from content/
            version.Property(v => v.ChangeNote).HasMaxLength(2000);
            version.Property(v => v.PublishedByLabel).HasMaxLength(400);
            version.HasMany(v => v.Files).WithOne().HasForeignKey(f => f.ModuleVersionId);
        });
        builder.Entity<StoredFile>(file =>
        {
            file.HasKey(f => f.Hash);
            file.Property(f => f.Hash).HasMaxLength(64);
        });
        builder.Entity<ModuleVersionFile>(file =>
        {
            file.HasKey(f => new { f.ModuleVersionId, f.Path });
            file.Property(f => f.Path).HasMaxLength(300);
            file.Property(f => f.FileHash).HasMaxLength(64);
            file.HasOne<StoredFile>().WithMany().HasForeignKey(f => f.FileHash).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ModuleDraft>(draft =>
        {
            draft.HasKey(d => d.ModuleId);
            draft.Property(d => d.ModuleId).HasMaxLength(80);
            draft.Property(d => d.Revision).IsConcurrencyToken();
            draft.Property(d => d.UpdatedAt).HasConversion(UtcDateTime.Converter);
            draft.Property(d => d.UpdatedByLabel).HasMaxLength(400);
            draft.HasMany(d => d.Files).WithOne().HasForeignKey(f => f.ModuleId);
        });
        builder.Entity<ModuleDraftFile>(file =>
        {
            file.HasKey(f => new { f.ModuleId, f.Path });
            file.Property(f => f.Path).HasMaxLength(300);
            file.Property(f => f.FileHash).HasMaxLength(64);
            file.HasOne<StoredFile>().WithMany().HasForeignKey(f => f.FileHash).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ContentTrack>(track =>
        {
            track.HasKey(t => t.Id);
            track.Property(t => t.Id).HasMaxLength(80);
            track.Property(t => t.Title).HasMaxLength(300);
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
        builder.Entity<ManagerUnit>(managed =>
        {
            managed.HasKey(m => new { m.UserId, m.UnitId });
            managed.HasIndex(m => m.UnitId);
            managed.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            managed.HasOne(m => m.Unit).WithMany(u => u.Managers).HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<User>(user =>
        {
            user.Property(u => u.Name).HasMaxLength(200);
            user.Property(u => u.EmployeeNumber).HasMaxLength(50);
            user.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
            user.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.SetNull);
            user.HasOne(u => u.JobRole).WithMany().HasForeignKey(u => u.JobRoleId).OnDelete(DeleteBehavior.SetNull);
            user.HasIndex(u => new { u.AgencyId, u.EmployeeNumber }).IsUnique();
            if (Database.IsNpgsql())
            {
                user.Property(u => u.SortName).HasMaxLength(200).UseCollation("C").HasComputedColumnSql(SurnameOrder.PostgresExpression, stored: true);
            }
            else
            {
                user.Property(u => u.SortName).HasMaxLength(200).HasComputedColumnSql(SurnameOrder.SqliteExpression, stored: false);
            }
            user.HasIndex(u => new { u.AgencyId, u.SortName, u.Id });
            user.HasIndex(u => new { u.SortName, u.Id });
            // An agency's people in batches by id (overview, export, reminders): a range, not a sort of the agency per batch.
            user.HasIndex(u => new { u.AgencyId, u.Id });
            user.Property(u => u.CreatedAt).HasConversion(UtcDateTime.Converter);
            user.Property(u => u.DeactivatedAt).HasConversion(UtcDateTime.NullableConverter);
            user.Property(u => u.AnonymisedAt).HasConversion(UtcDateTime.NullableConverter);
        });

        builder.Entity<SectionVisit>(visit =>
        {
            visit.HasIndex(v => new { v.UserId, v.ModuleVersionId, v.Section }).IsUnique();
            visit.Property(v => v.VisitedAt).HasConversion(UtcDateTime.Converter);
        });
        builder.Entity<CheckAnswer>(answer =>
        {
            answer.Property(a => a.CheckKey).HasMaxLength(300);
            answer.HasIndex(a => new { a.UserId, a.ModuleVersionId, a.CheckKey }).IsUnique();
            answer.Property(a => a.AnsweredAt).HasConversion(UtcDateTime.Converter);
        });
        builder.Entity<QuizAttempt>(attempt =>
        {
            attempt.Property(a => a.Id).HasMaxLength(32);
            attempt.HasIndex(a => new { a.UserId, a.ModuleVersionId, a.SubmittedAt });
            // At most one open attempt per person and version, whatever arrives at once.
            attempt.HasIndex(a => new { a.UserId, a.ModuleVersionId }).IsUnique().HasFilter("\"SubmittedAt\" IS NULL").HasDatabaseName("IX_QuizAttempts_OneOpen");
            attempt.Property(a => a.StartedAt).HasConversion(UtcDateTime.Converter);
            attempt.Property(a => a.SubmittedAt).HasConversion(UtcDateTime.NullableConverter);
        });
        builder.Entity<Completion>(completion =>
        {
            completion.Property(c => c.ModuleId).HasMaxLength(80);
            completion.Property(c => c.Version).HasMaxLength(16);
            completion.Property(c => c.ContentHash).HasMaxLength(64);
            completion.Property(c => c.Source).HasMaxLength(20);
            completion.Property(c => c.AttemptId).HasMaxLength(32);
            completion.HasIndex(c => c.AttemptId).IsUnique();
            completion.HasIndex(c => new { c.UserId, c.ModuleId, c.CompletedAt });
            completion.HasIndex(c => new { c.AgencyId, c.ModuleId });
            completion.Property(c => c.CompletedAt).HasConversion(UtcDateTime.Converter);
            completion.Property(c => c.ExpiresAt).HasConversion(UtcDateTime.NullableConverter);
            completion.Property(c => c.VerificationCode).HasMaxLength(20);
            completion.HasIndex(c => c.VerificationCode).IsUnique();
            completion.Property(c => c.RecordedById).HasMaxLength(450);
            completion.Property(c => c.Note).HasMaxLength(1000);
            completion.HasIndex(c => c.SupersedesId);
        });

        builder.Entity<Requirement>(requirement =>
        {
            requirement.Property(r => r.ModuleId).HasMaxLength(80);
            requirement.Property(r => r.TrackId).HasMaxLength(80);
            requirement.Property(r => r.CreatedById).HasMaxLength(450);
            requirement.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
            requirement.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            requirement.HasMany(r => r.JobRoles).WithOne().HasForeignKey(j => j.RequirementId).OnDelete(DeleteBehavior.Cascade);
            requirement.HasIndex(r => new { r.AgencyId, r.RemovedAt });
            requirement.ToTable(t => t.HasCheckConstraint("CK_Requirements_ModuleOrTrack", "(\"ModuleId\" IS NULL) <> (\"TrackId\" IS NULL)"));
            requirement.Property(r => r.CreatedAt).HasConversion(UtcDateTime.Converter);
            requirement.Property(r => r.ChangedAt).HasConversion(UtcDateTime.NullableConverter);
            requirement.Property(r => r.RemovedAt).HasConversion(UtcDateTime.NullableConverter);
        });
        builder.Entity<RequirementJobRole>(role =>
        {
            role.HasKey(j => new { j.RequirementId, j.JobRoleId });
            role.HasOne(j => j.JobRole).WithMany().HasForeignKey(j => j.JobRoleId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ReminderDelivery>(delivery =>
        {
            delivery.Property(d => d.Key).HasMaxLength(300);
            delivery.HasIndex(d => d.Key).IsUnique();
            delivery.Property(d => d.Kind).HasMaxLength(20);
            delivery.Property(d => d.UserId).HasMaxLength(450);
            delivery.Property(d => d.ModuleId).HasMaxLength(80);
            delivery.HasIndex(d => d.SentAt);
            delivery.Property(d => d.CreatedAt).HasConversion(UtcDateTime.Converter);
            delivery.Property(d => d.ClaimedUntil).HasConversion(UtcDateTime.NullableConverter);
            delivery.Property(d => d.SentAt).HasConversion(UtcDateTime.NullableConverter);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.Property(e => e.Action).HasMaxLength(40);
            entry.Property(e => e.ActorLabel).HasMaxLength(256);
            entry.Property(e => e.SubjectId).HasMaxLength(80);
            entry.Property(e => e.SubjectLabel).HasMaxLength(256);
            entry.Property(e => e.Details).HasMaxLength(2000);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => new { e.AgencyId, e.At });
            entry.Property(e => e.At).HasConversion(UtcDateTime.Converter);
        });

        builder.Entity<AuthSession>(session =>
        {
            session.HasKey(s => s.KeyHash);
            session.Property(s => s.KeyHash).HasMaxLength(64);
            session.HasIndex(s => s.UserId);
            session.Property(s => s.ExpiresAt).HasConversion(UtcDateTime.Converter);
            session.Property(s => s.CreatedAt).HasConversion(UtcDateTime.Converter);
        });

        builder.Entity<StoredImport>(import =>
        {
            import.HasKey(i => i.Id);
            import.Property(i => i.Id).HasMaxLength(32);
            import.Property(i => i.AgencyName).HasMaxLength(200);
            import.Property(i => i.UploaderId).HasMaxLength(450);
            import.Property(i => i.UploaderLabel).HasMaxLength(400);
            import.Property(i => i.FileName).HasMaxLength(400);
            import.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
            import.Property(i => i.Preview).HasConversion(JsonColumn.Converter<ImportResult>(), JsonColumn.Comparer<ImportResult>());
            import.Property(i => i.Result).HasConversion(JsonColumn.Converter<ImportResult?>(), JsonColumn.Comparer<ImportResult?>());
            import.Property(i => i.Progress).HasConversion(JsonColumn.Converter<ImportProgress?>(), JsonColumn.Comparer<ImportProgress?>()).HasMaxLength(200);
            import.Property(i => i.ClaimedBy).HasMaxLength(JobLease.HolderLength);
            import.Property(i => i.UploadedAt).HasConversion(UtcDateTime.Converter);
            import.Property(i => i.FinishedAt).HasConversion(UtcDateTime.NullableConverter);
            import.Property(i => i.ClaimedAt).HasConversion(UtcDateTime.NullableConverter);
            import.HasIndex(i => new { i.State, i.UploadedAt });
            import.HasIndex(i => new { i.UploaderId, i.State });
        });
        builder.Entity<CompletionUpload>(upload =>
        {
            upload.HasKey(u => u.Id);
            upload.Property(u => u.Id).HasMaxLength(32);
            upload.Property(u => u.AgencyName).HasMaxLength(200);
            upload.Property(u => u.UploaderId).HasMaxLength(450);
            upload.Property(u => u.UploaderLabel).HasMaxLength(400);
            upload.Property(u => u.FileName).HasMaxLength(400);
            upload.Property(u => u.Result).HasConversion(JsonColumn.Converter<CompletionImportResult?>(), JsonColumn.Comparer<CompletionImportResult?>());
            upload.Property(u => u.UploadedAt).HasConversion(UtcDateTime.Converter);
            upload.Property(u => u.ImportingSince).HasConversion(UtcDateTime.NullableConverter);
            upload.HasIndex(u => u.UploadedAt);
        });
        builder.Entity<ImportFile>(file =>
        {
            file.HasKey(f => f.Id);
            file.Property(f => f.Id).HasMaxLength(32);
            file.Property(f => f.Sha256).HasMaxLength(64);
        });
        builder.Entity<JobLease>(lease =>
        {
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(JobLease.NameLength);
            lease.Property(l => l.Holder).HasMaxLength(JobLease.HolderLength);
            lease.Property(l => l.ExpiresAt).HasConversion(UtcDateTime.Converter);
        });
    }
}
