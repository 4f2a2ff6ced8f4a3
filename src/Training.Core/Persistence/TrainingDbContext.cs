using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Persistence;

/// <summary>Training, contests and the Children's Forum; one subclass per provider carries that provider's migrations.</summary>
public abstract class TrainingDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Training's own migrations history, apart from the other modules' in the same database.</summary>
    public const string MigrationsTable = "__TrainingMigrations";

    public DbSet<QuestionBank> QuestionBanks => Set<QuestionBank>();
    public DbSet<BankQuestion> BankQuestions => Set<BankQuestion>();
    public DbSet<Quiz> Quizzes => Set<Quiz>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<AttemptAnswer> AttemptAnswers => Set<AttemptAnswer>();
    public DbSet<AttemptFile> AttemptFiles => Set<AttemptFile>();
    public DbSet<Quizzes.Paper.PaperVersion> PaperVersions => Set<Quizzes.Paper.PaperVersion>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Learning.Learner> Learners => Set<Learning.Learner>();
    public DbSet<Learning.Enrolment> Enrolments => Set<Learning.Enrolment>();
    public DbSet<Learning.LessonView> LessonViews => Set<Learning.LessonView>();
    public DbSet<Learning.Certificate> Certificates => Set<Learning.Certificate>();
    public DbSet<Learning.Assignment> Assignments => Set<Learning.Assignment>();
    public DbSet<Learning.ReminderSent> RemindersSent => Set<Learning.ReminderSent>();
    public DbSet<Contest> Contests => Set<Contest>();
    public DbSet<ContestRound> ContestRounds => Set<ContestRound>();
    public DbSet<ContestEntry> ContestEntries => Set<ContestEntry>();
    public DbSet<ContestCodeRequest> ContestCodeRequests => Set<ContestCodeRequest>();
    public DbSet<ContestClass> ContestClasses => Set<ContestClass>();
    public DbSet<ContestClassCode> ContestClassCodes => Set<ContestClassCode>();
    public DbSet<Marking.ContestJuror> ContestJurors => Set<Marking.ContestJuror>();
    public DbSet<Marking.EssayMark> EssayMarks => Set<Marking.EssayMark>();
    public DbSet<Limits.ClientRequest> ClientRequests => Set<Limits.ClientRequest>();
    public DbSet<Forum.ForumEvent> ForumEvents => Set<Forum.ForumEvent>();
    public DbSet<Forum.ForumOpinion> ForumOpinions => Set<Forum.ForumOpinion>();
    public DbSet<Forum.ForumGroup> ForumGroups => Set<Forum.ForumGroup>();
    public DbSet<Forum.ForumForwarding> ForumForwardings => Set<Forum.ForumForwarding>();
    public DbSet<Forum.ForumAnswer> ForumAnswers => Set<Forum.ForumAnswer>();

    /// <summary>
    /// Runs <paramref name="write"/> so that its commit need not wait for the database to put it on disk, for writes
    /// frequent enough that a slow disk flush shows in their replies and that a later request makes good if the
    /// database server itself crashes before the flush (a contest's autosaves: the hand-in sends every answer again).
    /// SQLite's WAL mode with synchronous=NORMAL already commits every write so; PostgreSQL overrides this.
    /// </summary>
    public virtual Task<T> AsynchronousCommitAsync<T>(Func<Task<T>> write, CancellationToken ct = default) => write();

    /// <summary>
    /// Runs <paramref name="countAndWrite"/>, one statement that counts rows and writes only while the count allows it,
    /// so that no other call naming one of <paramref name="keys"/> counts between its count and its write, on any web
    /// node. SQLite runs one write statement at a time and reads what it counts under the write lock, so the statement
    /// is atomic on its own; PostgreSQL overrides this.
    /// </summary>
    public virtual Task<T> OneAtATimeAsync<T>(IReadOnlyList<string> keys, Func<Task<T>> countAndWrite, CancellationToken ct = default) => countAndWrite();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrainingDbContext).Assembly);
}

public sealed class SqliteTrainingDbContext(DbContextOptions<SqliteTrainingDbContext> options) : TrainingDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite(o => o.MigrationsHistoryTable(MigrationsTable));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Stored as text; date() reads it and moves it to Vietnam's UTC+7 in one cheap call.
        TrainingDbFunctions.Map(modelBuilder, utc => new SqlFunctionExpression(
            "date", [utc, new SqlFragmentExpression("'+7 hours'")], nullable: true, argumentsPropagateNullability: [true, false], typeof(string), null));
    }
}

public sealed class PostgresTrainingDbContext(DbContextOptions<PostgresTrainingDbContext> options) : TrainingDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseNpgsql(o => o.MigrationsHistoryTable(MigrationsTable));

    /// <summary>
    /// In a transaction of its own with synchronous_commit off for that transaction only (PostgreSQL's asynchronous
    /// commit): the reply no longer waits for the write-ahead log's flush, which a busy or shared disk now and then
    /// holds up for a few hundred milliseconds. The database stays consistent; a crash of the PostgreSQL server (not
    /// of the site) can lose what was committed in the last few hundred milliseconds (3 × wal_writer_delay), as a
    /// crash of the machine can under SQLite. Inside a transaction already open, that transaction's commit decides.
    /// </summary>
    public override async Task<T> AsynchronousCommitAsync<T>(Func<Task<T>> write, CancellationToken ct = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await write();
        }

        await using var transaction = await Database.BeginTransactionAsync(ct);
        await Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", ct);
        var result = await write();
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Under READ COMMITTED a statement counts only what was committed when it began, so two counts at once both saw
    /// room for one more and both wrote. A transaction-scoped advisory lock per key makes the second wait for the
    /// first's commit, and its statement, begun after that, counts the first's row. Keys are locked in one order so
    /// that two calls never wait for each other. The counted rows are limits' records, not anything a person gave, so
    /// the transaction commits without waiting for the disk (visibility to the next caller is immediate all the same):
    /// a whole school behind one address shares a key, and a disk flush held under its lock queued every entry form.
    /// </summary>
    public override async Task<T> OneAtATimeAsync<T>(IReadOnlyList<string> keys, Func<Task<T>> countAndWrite, CancellationToken ct = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await LockedAsync(keys, countAndWrite, null, ct);
        }

        // Callers of one key on this node queue here first, holding no connection: a whole school behind one address
        // shares its client key, and each of its entry forms waiting inside a transaction held one of the pool's
        // connections, until the pool was gone and every other request of the site waited for it.
        var stripes = keys.Select(k => (int)((uint)StringComparer.Ordinal.GetHashCode(k) % (uint)KeyStripes.Length)).Distinct().Order().ToList();
        var taken = 0;
        try
        {
            foreach (var stripe in stripes)
            {
                await KeyStripes[stripe].WaitAsync(ct);
                taken++;
            }

            await using var transaction = await Database.BeginTransactionAsync(ct);
            return await LockedAsync(keys, countAndWrite, transaction, ct);
        }
        finally
        {
            foreach (var stripe in stripes.Take(taken))
            {
                KeyStripes[stripe].Release();
            }
        }
    }

    private static readonly SemaphoreSlim[] KeyStripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    private async Task<T> LockedAsync<T>(IReadOnlyList<string> keys, Func<Task<T>> countAndWrite, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, CancellationToken ct)
    {
        if (transaction is not null)
        {
            await Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", ct);
        }

        foreach (var key in keys.Distinct().Order(StringComparer.Ordinal))
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
        }

        var result = await countAndWrite();
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return result;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        TrainingDbFunctions.Map(modelBuilder, utc => new SqlFunctionExpression(
            "to_char",
            [
                new SqlFunctionExpression("timezone", [new SqlFragmentExpression("'Asia/Ho_Chi_Minh'"), utc], nullable: true, argumentsPropagateNullability: [false, true], typeof(DateTime), utc.TypeMapping),
                new SqlFragmentExpression("'YYYY-MM-DD'"),
            ],
            nullable: true,
            argumentsPropagateNullability: [true, false],
            typeof(string),
            null));
    }
}

/// <summary>Functions queries call that each provider translates its own way.</summary>
public static class TrainingDbFunctions
{
    /// <summary>The Vietnamese calendar day ("yyyy-MM-dd") of a UTC instant, computed by the database.</summary>
    public static string VietnamDate(DateTime utc) => throw new InvalidOperationException("Only for use in database queries.");

    internal static void Map(ModelBuilder modelBuilder, Func<SqlExpression, SqlExpression> translation) =>
        modelBuilder.HasDbFunction(typeof(TrainingDbFunctions).GetMethod(nameof(VietnamDate))!).HasTranslation(args => translation(args[0]));
}

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteTrainingDbContextFactory : IDesignTimeDbContextFactory<SqliteTrainingDbContext>
{
    public SqliteTrainingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTrainingDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresTrainingDbContextFactory : IDesignTimeDbContextFactory<PostgresTrainingDbContext>
{
    public PostgresTrainingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTrainingDbContext>().UseNpgsql("Host=localhost").Options);
}

internal sealed class QuestionBankConfiguration : IEntityTypeConfiguration<QuestionBank>
{
    public void Configure(EntityTypeBuilder<QuestionBank> entity)
    {
        entity.ToTable("questionBank");
        entity.HasIndex(b => b.Key).IsUnique();
        entity.Property(b => b.Name).HasMaxLength(200);
        entity.HasMany(b => b.Questions).WithOne().HasForeignKey(q => q.BankId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BankQuestionConfiguration : IEntityTypeConfiguration<BankQuestion>
{
    public void Configure(EntityTypeBuilder<BankQuestion> entity)
    {
        entity.ToTable("bankQuestion");
        entity.HasIndex(q => new { q.BankId, q.Category });
        entity.Property(q => q.Category).HasMaxLength(300);
        entity.Property(q => q.Name).HasMaxLength(300);
        entity.Property(q => q.TextFormat).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class QuizConfiguration : IEntityTypeConfiguration<Quiz>
{
    public void Configure(EntityTypeBuilder<Quiz> entity)
    {
        entity.ToTable("quiz");
        entity.HasIndex(q => q.Key).IsUnique();
        entity.Property(q => q.Title).HasMaxLength(300);
        entity.HasOne<QuestionBank>().WithMany().HasForeignKey(q => q.BankId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> entity)
    {
        entity.ToTable("quizAttempt");
        entity.HasIndex(a => a.Key).IsUnique();
        // The job that closes overdue attempts looks for open ones by deadline.
        entity.HasIndex(a => new { a.SubmittedUtc, a.DeadlineUtc });
        // The jury's queue and a round's approval look for a quiz's attempts with essays to mark.
        entity.HasIndex(a => new { a.QuizId, a.AwaitingMarks });
        // A participant's attempts, found by quiz; and a paper typed in once: the same participant's paper of the same version
        // twice is refused (an attempt made online has no code, and nulls never collide).
        entity.HasIndex(a => new { a.QuizId, a.Participant, a.PaperCode }).IsUnique();
        entity.Property(a => a.Participant).HasMaxLength(100);
        entity.Property(a => a.Marks).HasPrecision(9, 4);
        entity.HasOne<Quiz>().WithMany().HasForeignKey(a => a.QuizId).OnDelete(DeleteBehavior.Cascade);
        entity.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttemptAnswerConfiguration : IEntityTypeConfiguration<AttemptAnswer>
{
    public void Configure(EntityTypeBuilder<AttemptAnswer> entity)
    {
        entity.ToTable("attemptAnswer");
        entity.HasKey(a => new { a.AttemptId, a.QuestionId });
        entity.Property(a => a.MarkedFraction).HasPrecision(9, 6);
    }
}

internal sealed class AttemptFileConfiguration : IEntityTypeConfiguration<AttemptFile>
{
    public void Configure(EntityTypeBuilder<AttemptFile> entity)
    {
        entity.ToTable("attemptFile");
        entity.HasKey(f => new { f.AttemptId, f.QuestionId });
        entity.Property(f => f.FileName).HasMaxLength(200);
        entity.Property(f => f.ContentType).HasMaxLength(100);
        entity.HasOne<QuizAttempt>().WithMany().HasForeignKey(f => f.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> entity)
    {
        entity.ToTable("unit");
        entity.HasIndex(u => u.Code).IsUnique();
        entity.HasIndex(u => u.Path);
        entity.Property(u => u.Code).HasMaxLength(50);
        entity.Property(u => u.Name).HasMaxLength(300);
        entity.Property(u => u.Kind).HasConversion<string>().HasMaxLength(30);
        entity.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
